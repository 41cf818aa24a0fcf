"""The TE officer's plans to sign (and the home panel) at national scale: a page at a time,
the query count flat, and only the clients shown logged (issue 15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.models import AccessAction, AccessLog, DisclosureLog
from plans import services
from plans.models import PlanType
from tests.factories import CaseFactory, ConsentFactory
from tests.plans.conftest import COMPLETE

URL = "/suunnitelmat/allekirjoitettavat/"


def drafts(world, count: int) -> None:
    plan_type = PlanType.objects.first()
    for _ in range(count):
        case = CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
        ConsentFactory(client=case.client, organization=world.te_office)
        services.activation_plan_create(
            user=world.alice, case=case, plan_type=plan_type, **COMPLETE
        )


@pytest.fixture
def te_client(client, world):
    client.force_login(world.tero)
    return client


def test_plans_to_sign_shows_a_page_and_logs_only_the_clients_shown(te_client, world):
    drafts(world, 30)
    response = te_client.get(URL)
    page = response.context["page"]
    assert len(page) == 25 and page.paginator.count == 30
    assert AccessLog.objects.filter(user=world.tero, action=AccessAction.LIST).count() == 25
    assert DisclosureLog.objects.filter(disclosed_by=world.tero).count() == 25
    assert "Sivu 1 / 2" in response.content.decode()
    second = te_client.get(URL, {"sivu": 2})
    assert len(second.context["page"]) == 5
    assert AccessLog.objects.filter(user=world.tero, action=AccessAction.LIST).count() == 30


@pytest.mark.parametrize(
    ("asked", "shown", "rows"), [("9", "Sivu 2 / 2", 5), ("x", "Sivu 1 / 2", 25)]
)
def test_plans_to_sign_past_the_end_or_nonsense_gives_a_real_page(
    te_client, world, asked, shown, rows
):
    drafts(world, 30)
    response = te_client.get(URL, {"sivu": asked})
    assert shown in response.content.decode()
    assert len(response.context["plans"]) == rows


def test_plans_to_sign_with_an_empty_queue(te_client, world):
    response = te_client.get(URL, {"sivu": 3})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


def test_plans_to_sign_runs_the_same_queries_at_any_queue_length(te_client, world):
    drafts(world, 3)
    with CaptureQueriesContext(connection) as few:
        te_client.get(URL)
    drafts(world, 30)
    with CaptureQueriesContext(connection) as many:
        te_client.get(URL)
    assert len(many) == len(few)


def test_te_home_shows_the_first_plans_logs_them_and_links_to_the_rest(te_client, world):
    drafts(world, 12)
    response = te_client.get("/")
    assert len(response.context["plans_to_sign"]) == 10
    assert response.context["plans_to_sign_total"] == 12
    assert AccessLog.objects.filter(user=world.tero, what="etusivu").count() == 10
    assert DisclosureLog.objects.filter(disclosed_by=world.tero).count() == 10
    assert URL in response.content.decode()


def test_te_home_runs_the_same_queries_at_any_queue_length(te_client, world):
    drafts(world, 2)
    with CaptureQueriesContext(connection) as few:
        te_client.get("/")
    drafts(world, 20)
    with CaptureQueriesContext(connection) as many:
        te_client.get("/")
    assert len(many) == len(few)

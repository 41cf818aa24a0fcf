"""The TE officer's plans to sign (and the home panel) at national scale: a page at a time,
the query count flat, and only the clients shown logged (issue 15)."""

import re

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


def shown_plans(response) -> list[str]:
    """The plans' rows as the officer sees them (each row links to its plan)."""
    html = response.content.decode()
    return re.findall(r'href="(/asiakkuudet/\d+/suunnitelmat/\d+/)"', html)


def test_plans_to_sign_pages_by_keyset_and_logs_only_the_clients_shown(te_client, world):
    """A page of 25, the queue's length told up to a page ("25+"), and "next" reads the
    plans after the page's last one (issue 30: no OFFSET, no count of the whole queue)."""
    drafts(world, 30)
    response = te_client.get(URL)
    first = shown_plans(response)
    text = response.content.decode()
    assert len(first) == 25
    assert "Odottaa allekirjoitusta: 25+" in text
    assert AccessLog.objects.filter(user=world.tero, action=AccessAction.LIST).count() == 25
    assert DisclosureLog.objects.filter(disclosed_by=world.tero).count() == 25
    following = re.search(r'href="\?jalkeen=([^"]+)">Seuraavat<', text)
    assert following is not None
    second = te_client.get(URL + "?jalkeen=" + following.group(1))
    rest = shown_plans(second)
    assert len(rest) == 5 and not set(rest) & set(first)
    assert "Seuraavat" not in second.content.decode()  # the queue's end
    assert 'href="?">Uusimmat<' in second.content.decode()
    assert AccessLog.objects.filter(user=world.tero, action=AccessAction.LIST).count() == 30


def test_plans_to_sign_a_nonsense_cursor_gives_the_newest(te_client, world):
    drafts(world, 3)
    response = te_client.get(URL, {"jalkeen": "x~y"})
    assert len(shown_plans(response)) == 3
    assert "Odottaa allekirjoitusta: 3" in response.content.decode()


def test_plans_to_sign_with_an_empty_queue(te_client, world):
    response = te_client.get(URL)
    assert response.status_code == 200
    assert "Odottaa allekirjoitusta: 0" in response.content.decode()


def test_the_queue_counts_no_further_than_a_page(te_client, world):
    """The count stops at 26 rows (LIMIT inside the count): a national queue of thousands
    is not counted on every view."""
    drafts(world, 3)
    with CaptureQueriesContext(connection) as asked:
        te_client.get(URL)
    counts = [
        q["sql"]
        for q in asked.captured_queries
        if "COUNT(" in q["sql"].upper() and "plans_activationplan" in q["sql"]
    ]
    assert counts and all("LIMIT 26" in sql for sql in counts), counts
    assert not any("OVER ()" in q["sql"] for q in asked.captured_queries)


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
    assert "Kaikki 12 allekirjoitusta odottavaa suunnitelmaa" in response.content.decode()
    assert AccessLog.objects.filter(user=world.tero, what="etusivu").count() == 10
    assert DisclosureLog.objects.filter(disclosed_by=world.tero).count() == 10
    assert URL in response.content.decode()


def test_te_home_tells_a_long_queue_as_25_plus(te_client, world):
    drafts(world, 27)
    text = te_client.get("/").content.decode()
    assert "Kaikki 25+ allekirjoitusta odottavaa suunnitelmaa" in text


def test_te_home_runs_the_same_queries_at_any_queue_length(te_client, world):
    drafts(world, 2)
    with CaptureQueriesContext(connection) as few:
        te_client.get("/")
    drafts(world, 20)
    with CaptureQueriesContext(connection) as many:
        te_client.get("/")
    assert len(many) == len(few)

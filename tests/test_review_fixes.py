"""Regressions found by an independent review: each names the hole it closes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from accounts.models import Role
from clients import services as client_services
from clients.models import Case, DisclosureLog
from core import law
from decisions import services as decision_services
from decisions.models import Decision
from placements import services as placement_services
from tests.decisions.conftest import PLAN_END, decision_fields  # noqa: F401
from tests.factories import CaseFactory, api_for, member

TODAY = timezone.localdate()


def test_api_answers_json_only_and_lists_no_foreign_clients(client, world):
    client.force_login(world.pekka)
    response = client.get("/api/v1/cases/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("application/json")
    assert "Meikäläinen" not in response.content.decode()


def test_officer_reading_a_plan_page_is_a_disclosure(client, world, plan):
    client.force_login(world.tero)
    client.get(f"/asiakkuudet/{plan.case_id}/suunnitelmat/{plan.pk}/")
    assert DisclosureLog.objects.filter(client=plan.case.client, recipient=world.te_office).exists()


def test_officer_api_read_is_a_disclosure_and_hides_contacts(world, shared_case):
    shared_case.client.phone = "+358 40 999"
    shared_case.client.save()
    data = api_for(world.tero).get(f"/api/v1/clients/{shared_case.client_id}/").json()
    assert data["phone"] == ""
    assert DisclosureLog.objects.filter(client=shared_case.client).exists()


def test_officer_sees_only_the_open_case_of_a_consenting_client(world, shared_case):
    old = CaseFactory(
        client=shared_case.client,
        municipality=world.seinajoki,
        opened_on=TODAY - datetime.timedelta(days=900),
        closed_on=TODAY - datetime.timedelta(days=800),
        phase="closed",
    )
    visible = set(Case.objects.visible_to(world.tero).values_list("pk", flat=True))
    assert shared_case.pk in visible and old.pk not in visible


def test_existing_hetu_with_another_surname_is_refused(world):
    world.case.closed_on = TODAY
    world.case.phase = "closed"
    world.case.save()
    with pytest.raises(ValidationError, match="eivät täsmää"):
        client_services.case_open(
            user=world.alice,
            municipality=world.seinajoki,
            responsible_worker=world.alice,
            client_data={
                "hetu": world.case.client.hetu,
                "first_names": "X",
                "last_name": "Joku Muu",
                "home_municipality": world.seinajoki,
            },
        )


def test_org_admin_cannot_reach_a_user_who_also_belongs_elsewhere(client, world):
    both = member(Role.SOCIAL_WORKER, world.seinajoki, username="both")
    both.memberships.create(organization=world.lapua, role=Role.SOCIAL_WORKER)
    client.force_login(world.paula)
    assert client.get(f"/hallinta/accounts/user/{both.pk}/change/").status_code == 302
    page = client.get(f"/hallinta/accounts/organization/{world.seinajoki.pk}/change/")
    assert 'name="kind"' not in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekdays": [2, 2, 2, 2]}, "kahdesti"),
        ({"end_on": law.period_end(TODAY, 24) + datetime.timedelta(days=30)}, "13 b §"),
    ],
)
def test_decision_schedule_loopholes_are_closed(world, ready_case, changes, message):
    with pytest.raises(ValidationError, match=message):
        decision_services.decision_save_draft(
            user=world.alice, case=ready_case, **decision_fields(world, **changes)
        )


def test_electronic_notification_needs_the_clients_consent(world, made):
    with pytest.raises(ValidationError, match="suostumuksen"):
        decision_services.decision_notify(
            user=world.alice, decision=made, method="e_service", sent_on=TODAY
        )
    notification = decision_services.decision_notify(
        user=world.alice,
        decision=made,
        method="e_service",
        sent_on=TODAY,
        electronic_consent=True,
    )
    assert notification.received_on == TODAY + datetime.timedelta(days=3)


def test_made_decision_cannot_go_back_to_draft(world, made):
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=made.pk).update(status="draft")


def test_replaced_decisions_placement_leaves_the_supervisor(client, world, made):
    placement = placement_services.placement_notice_send(
        user=world.alice, decision=made, goals="x", client_info="", contacts="y"
    )
    replacement = decision_services.decision_replace(user=world.alice, decision=made)
    replacement.schedule_difference_reason = "Muutos"
    replacement.hours_per_day = 5
    replacement.save()
    decision_services.decision_make(user=world.alice, decision=replacement)
    client.force_login(world.pekka)
    assert client.get(f"/tyotoiminta/{placement.pk}/").status_code == 404


def test_nothing_new_on_a_closed_case(world, ready_case):
    Case.objects.filter(pk=ready_case.pk).update(closed_on=TODAY, phase="closed")
    with pytest.raises(ValidationError, match="Asiakkuus on päättynyt"):
        decision_services.decision_save_draft(
            user=world.alice, case=ready_case, **decision_fields(world)
        )

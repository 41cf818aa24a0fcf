"""/api/v1/support-plans/, /integration-flags/, /handovers/: the pages' gates and rules."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.models import AccessLog, DisclosureLog
from tests.factories import CaseFactory, ConsentFactory
from workability import services

TODAY = timezone.localdate()


def test_the_employment_authority_reads_the_plan_by_consent(client, world, shared_case, path):
    before = DisclosureLog.objects.count()
    client.force_login(world.tero)
    data = client.get(f"/api/v1/support-plans/{path.pk}/").json()
    owners = [part["owner"] for part in data["parts"]]
    assert owners == ["Seinäjoki"]
    assert data["responsible_worker_name"] == world.alice.get_full_name()
    assert [d.recipient for d in DisclosureLog.objects.order_by("pk")[before:]] == [world.te_office]


@pytest.mark.parametrize("persona", ["olli", "pekka", "kaisa"])
def test_a_party_without_consent_gets_404_in_the_api(client, world, path, persona):
    client.force_login(getattr(world, persona))
    before = AccessLog.objects.count()
    assert client.get(f"/api/v1/support-plans/{path.pk}/").status_code == 404
    assert client.get("/api/v1/support-plans/").json()["results"] == []
    assert AccessLog.objects.count() == before


def test_the_team_hands_the_client_back_to_social_work(client, world, team_path):
    client.force_login(world.hanna)
    response = client.post(
        "/api/v1/handovers/",
        {"path": team_path.pk, "to_worker": world.alice.pk, "reason": "Kuty jatkuu"},
        content_type="application/json",
    )
    assert response.status_code == 201
    team_path.refresh_from_db()
    assert team_path.responsible_worker == world.hanna  # until accepted
    client.force_login(world.alice)
    accepted = client.post(f"/api/v1/handovers/{response.json()['id']}/accept/")
    assert accepted.status_code == 200
    team_path.refresh_from_db()
    assert (team_path.responsible_worker, team_path.responsible_organization) == (
        world.alice,
        world.seinajoki,
    )


def test_only_the_current_worker_proposes_a_handover(client, world, team_path):
    client.force_login(world.alice)
    response = client.post(
        "/api/v1/handovers/",
        {"path": team_path.pk, "to_worker": world.sami.pk, "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Vain nykyinen vastuutyöntekijä" in str(response.json())


def test_a_handover_for_a_path_out_of_scope_is_404(client, world, team_path):
    client.force_login(world.olli)
    response = client.post(
        "/api/v1/handovers/",
        {"path": team_path.pk, "to_worker": world.olli.pk, "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404


def _paths(world, n):
    for i in range(n):
        case = CaseFactory(
            client__home_municipality=world.seinajoki,
            client__last_name=f"Asiakas{i}",
            municipality=world.seinajoki,
            responsible_worker=world.alice,
        )
        consent = ConsentFactory(client=case.client, organization=world.team)
        path = services.path_open(
            actor=world.alice,
            client=case.client,
            team=world.team,
            consent=consent,
            recognised_by="client",
            recognised_on=TODAY - datetime.timedelta(days=1),
            need="x",
            referral_kind="consultation",
        )
        services.handover_propose(actor=world.alice, path=path, to_worker=world.hanna, reason="x")


@pytest.mark.parametrize("url", ["/api/v1/support-plans/", "/tyokyky/", "/"])
def test_lists_ask_the_same_queries_at_two_sizes(client, world, url):
    client.force_login(world.hanna)
    _paths(world, 1)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _paths(world, 4)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)

"""Each registrar (the organiser) keeps its own client records (703/2023, issue 9/5).

The same person in two registrars is two records: nothing one registrar sees or is told
reveals the other's."""

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role
from clients.models import Case, Client
from tests.clients.test_cases import open_case
from tests.factories import CaseFactory, api_for, member


@pytest.fixture
def known_in_seinajoki(world):
    """Seinäjoki's client with contact details, an open case there."""
    client = world.case.client
    client.hetu, client.identifier_kind, client.identifier_reason = "131052-308T", "hetu", ""
    client.phone = "+358 40 123 4567"
    client.street_address = "Salainen katu 1"
    client.save()
    return client


def lapua_opens(client, world, person, **overrides):
    client.force_login(world.olli)
    return open_case(
        client,
        world,
        **{
            "client-hetu": person.hetu,
            "client-first_names": "Maija",
            "client-last_name": "Meikäläinen",
            "client-home_municipality": world.lapua.pk,
            "case-municipality": world.lapua.pk,
            "case-responsible_worker": world.olli.pk,
            **overrides,
        },
    )


def test_another_registrar_gets_its_own_record_without_the_first_ones_data(
    client, world, known_in_seinajoki
):
    response = lapua_opens(client, world, known_in_seinajoki)
    case = Case.objects.get(municipality=world.lapua, client__hetu=known_in_seinajoki.hetu)
    assert response["Location"] == f"/asiakkuudet/{case.pk}/"
    assert case.client_id != known_in_seinajoki.pk
    assert case.client.registrar == world.lapua
    assert case.client.phone == "" and case.client.street_address == ""
    page = client.get(f"/asiakkuudet/{case.pk}/").content.decode()
    assert "123 4567" not in page and "Salainen katu" not in page


def test_answers_never_tell_that_the_person_is_a_client_elsewhere(
    client, world, known_in_seinajoki
):
    """Neither "already an open case" nor "names do not match" crosses registrars."""
    response = lapua_opens(client, world, known_in_seinajoki, **{"client-last_name": "Muu"})
    assert response.status_code == 302
    assert Client.objects.filter(hetu=known_in_seinajoki.hetu).count() == 2


def test_the_api_keeps_registrars_apart_too(world, known_in_seinajoki):
    response = api_for(world.olli).post(
        "/api/v1/cases/",
        {
            "client": {
                "hetu": known_in_seinajoki.hetu,
                "first_names": "M",
                "last_name": "Toinen",
                "home_municipality": world.lapua.pk,
            },
            "municipality": world.lapua.pk,
            "responsible_worker": world.olli.pk,
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["client"] != known_in_seinajoki.pk


def test_within_one_registrar_the_record_is_found_again(client, world, known_in_seinajoki):
    client.force_login(world.alice)
    response = open_case(
        client,
        world,
        **{"client-hetu": known_in_seinajoki.hetu, "client-last_name": "Meikäläinen"},
    )
    assert "Asiakkaalla on jo avoin asiakkuus" in response.content.decode()
    assert Client.objects.filter(hetu=known_in_seinajoki.hetu).count() == 1


def test_database_refuses_a_case_of_another_registrars_client(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(client=world.other_case.client, municipality=world.seinajoki)


def test_database_refuses_two_records_of_one_person_in_one_registrar(world):
    person = world.case.client
    with pytest.raises(IntegrityError):
        Client.objects.create(
            registrar=person.registrar,
            hetu=person.hetu,
            identifier_kind=person.identifier_kind,
            identifier_reason=person.identifier_reason,
            first_names="X",
            last_name="Y",
            home_municipality=person.home_municipality,
        )


def test_database_keeps_a_record_with_its_registrar(world):
    with pytest.raises(DatabaseError), transaction.atomic():
        Client.objects.filter(pk=world.case.client_id).update(registrar=world.lapua)


def test_misuse_check_shows_only_the_officers_own_registrars_clients(client, world):
    from clients.models import AccessLog

    lapua_reader = member(Role.SOCIAL_WORKER, world.lapua, username="lauri")
    lapua_reader.memberships.create(organization=world.seinajoki, role=Role.SOCIAL_WORKER)
    for case in (world.case, world.other_case):
        AccessLog.objects.create(user=lapua_reader, client=case.client, action="view", what="x")
    client.force_login(world.tuula)  # Seinäjoki's privacy officer
    today = timezone.localdate().isoformat()
    page = client.get(
        "/tietosuoja/vaarinkaytto/", {"user": lapua_reader.pk, "start": today, "end": today}
    )
    rows = page.context["rows"]
    assert [row.client_id for row in rows] == [world.case.client_id]

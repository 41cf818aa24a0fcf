"""Henkilötunnus or temporary identifier (issue 10, item 5): individual numbers 900–999
are temporary identifiers, never a person's identity."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from clients.models import Case, Client
from tests.factories import ClientFactory, api_for, make_hetu

REAL_HETU = "131052-308T"  # individual number 308
TEMPORARY = make_hetu(3)  # individual number 903


def open_case(client, world, **client_fields):
    client.force_login(world.alice)
    data = {
        "case-municipality": world.seinajoki.pk,
        "case-responsible_worker": world.alice.pk,
        "case-opened_on": "2026-11-02",
        "client-first_names": "Uusi",
        "client-last_name": "Asiakas",
        "client-home_municipality": world.seinajoki.pk,
        "client-language": "fi",
        **{f"client-{key}": value for key, value in client_fields.items()},
    }
    return client.post("/asiakkuudet/uusi/", data)


def test_a_temporary_number_is_refused_as_a_henkilotunnus(client, world):
    response = open_case(client, world, hetu=TEMPORARY, identifier_kind="hetu")
    assert "Yksilönumerot 900–999 ovat väliaikaisia tunnisteita" in response.content.decode()
    assert not Client.objects.filter(last_name="Asiakas").exists()


def test_without_a_kind_a_temporary_number_is_still_refused(client, world):
    response = open_case(client, world, hetu=TEMPORARY)
    assert "väliaikaisia tunnisteita" in response.content.decode()
    assert not Client.objects.filter(last_name="Asiakas").exists()


def test_a_temporary_identifier_needs_a_reason(client, world):
    response = open_case(client, world, hetu=TEMPORARY, identifier_kind="temporary")
    assert "miksi asiakkaalla ei ole suomalaista henkilötunnusta" in response.content.decode()
    assert not Client.objects.filter(last_name="Asiakas").exists()


def test_a_client_without_a_henkilotunnus_is_recorded_with_a_temporary_identifier(client, world):
    response = open_case(
        client,
        world,
        hetu=TEMPORARY,
        identifier_kind="temporary",
        identifier_reason="Turvapaikanhakija, henkilötunnusta ei vielä ole.",
    )
    case = Case.objects.get(client__last_name="Asiakas")
    assert response.status_code == 302
    assert case.client.identifier_kind == "temporary"
    page = client.get(f"/asiakkuudet/{case.pk}/").content.decode()
    assert "Väliaikainen tunniste" in page and "Turvapaikanhakija" in page


def test_a_real_number_is_not_a_temporary_identifier(client, world):
    response = open_case(
        client, world, hetu=REAL_HETU, identifier_kind="temporary", identifier_reason="x"
    )
    assert "Väliaikaisen tunnisteen yksilönumero on 900–999" in response.content.decode()


def test_a_henkilotunnus_is_recorded_as_one(client, world):
    open_case(client, world, hetu=REAL_HETU)
    case = Case.objects.get(client__last_name="Asiakas")
    assert case.client.identifier_kind == "hetu"
    assert "Henkilötunnus" in client.get(f"/asiakkuudet/{case.pk}/").content.decode()


def test_the_api_refuses_a_temporary_number_as_a_henkilotunnus(world):
    response = api_for(world.alice).post(
        "/api/v1/cases/",
        {
            "municipality": world.seinajoki.pk,
            "responsible_worker": world.alice.pk,
            "client": {
                "hetu": TEMPORARY,
                "first_names": "Uusi",
                "last_name": "Asiakas",
                "home_municipality": world.seinajoki.pk,
            },
        },
        format="json",
    )
    assert response.status_code == 400
    assert "väliaikaisia tunnisteita" in str(response.json())
    assert not Client.objects.filter(last_name="Asiakas").exists()


def test_the_database_refuses_a_temporary_number_as_a_henkilotunnus(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientFactory(hetu=TEMPORARY, identifier_kind="hetu")


def test_the_kind_is_shown_on_the_api_and_the_case_page(client, world):
    data = api_for(world.alice).get(f"/api/v1/clients/{world.case.client_id}/").json()
    assert data["identifier_kind"] == "test"
    client.force_login(world.alice)
    assert "Testitunniste" in client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()


def test_demo_clients_are_test_identities(db, capsys):
    call_command("seed_demo")
    assert Client.objects.exists()
    assert set(Client.objects.values_list("identifier_kind", flat=True)) == {"test"}

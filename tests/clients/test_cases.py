import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients import services as client_services
from clients.models import Case, Client
from tests.factories import CaseFactory

VALID_HETU = "131052-308T"
TODAY = timezone.localdate()


def open_case(client, world, **overrides):
    data = {
        "client-hetu": VALID_HETU,
        "client-first_names": "Ville",
        "client-last_name": "Virtanen",
        "client-home_municipality": world.seinajoki.pk,
        "client-language": "fi",
        "case-municipality": world.seinajoki.pk,
        "case-responsible_worker": world.alice.pk,
        "case-opened_on": "2026-11-02",
        **overrides,
    }
    return client.post("/asiakkuudet/uusi/", data)


def test_social_worker_opens_a_case(client, world):
    client.force_login(world.alice)
    response = open_case(client, world)
    case = Case.objects.get(client__hetu=VALID_HETU)
    assert response["Location"] == f"/asiakkuudet/{case.pk}/"
    assert case.worker_changes.get().worker == world.alice


def test_invalid_hetu_is_refused_in_finnish_and_nothing_saved(client, world):
    client.force_login(world.alice)
    response = open_case(client, world, **{"client-hetu": "131052-308A"})
    page = response.content.decode()
    assert "Henkilötunnus ei ole kelvollinen" in page
    assert "131052-308A" not in page.split("<input")[0]  # not echoed in the message
    assert not Client.objects.filter(last_name="Virtanen").exists()


def test_second_open_case_is_refused(client, world):
    client.force_login(world.alice)
    open_case(client, world)
    response = open_case(client, world)
    assert "Asiakkaalla on jo avoin asiakkuus" in response.content.decode()
    assert Case.objects.filter(client__hetu=VALID_HETU).count() == 1


def test_database_refuses_a_second_open_case(world):
    with pytest.raises(IntegrityError):
        CaseFactory(client=world.case.client, municipality=world.seinajoki)


def test_only_social_workers_open_cases(client, world):
    client.force_login(world.pekka)
    assert client.get("/asiakkuudet/uusi/").status_code == 404


def test_hetu_search_goes_by_post_and_never_into_the_url(client, world):
    client.force_login(world.alice)
    response = client.post("/asiakkuudet/haku/", {"q": world.case.client.hetu})
    assert response["Location"] == "/asiakkuudet/"
    page = client.get("/asiakkuudet/").content.decode()
    assert "Meikäläinen Maija" in page


def test_name_search_finds_the_client(client, world):
    CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    client.force_login(world.alice)
    client.post("/asiakkuudet/haku/", {"q": "meikäl"})
    cases = list(client.get("/asiakkuudet/").context["page"])
    assert cases == [world.case]


def test_case_list_filters_by_phase(client, world):
    CaseFactory(municipality=world.seinajoki, phase="planning")
    client.force_login(world.alice)
    cases = list(client.get("/asiakkuudet/?phase=planning").context["page"])
    assert [case.phase for case in cases] == ["planning"]


def test_case_list_runs_constant_queries(client, world):
    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as few:
        client.get("/asiakkuudet/")
    CaseFactory.create_batch(15, municipality=world.seinajoki, responsible_worker=world.sami)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/asiakkuudet/")
    assert len(response.context["page"]) == 16
    assert len(many) == len(few)


def test_change_history_is_shown_on_the_record(client, world):
    client.force_login(world.alice)
    world.case.phase = "assessment"
    world.case.save()
    page = client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    assert "Muutoshistoria" in page
    assert "need_recognised → assessment" in page


def test_case_page_refuses_post(client, world):
    client.force_login(world.alice)
    assert client.post(f"/asiakkuudet/{world.case.pk}/").status_code == 405


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


def test_known_hetu_with_another_surname_shows_the_mismatch_on_the_form(client, world):
    world.case.closed_on, world.case.phase = TODAY, "closed"
    world.case.save()
    known = world.case.client
    known.hetu, known.identifier_kind, known.identifier_reason = VALID_HETU, "hetu", ""
    known.save()
    client.force_login(world.alice)
    response = open_case(client, world, **{"client-last_name": "Joku Muu"})
    assert response.status_code == 200
    assert "Henkilötunnus ja sukunimi eivät täsmää. Tarkista tiedot." in response.content.decode()
    assert Case.objects.filter(client=known).count() == 1
    assert not Client.objects.filter(last_name="Joku Muu").exists()

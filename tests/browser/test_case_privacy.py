"""Journeys of issue 3 in a real browser: scope by role, consent withdrawal, the log report."""

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD
from clients.models import Case
from tests.browser.test_login_journeys import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Case.objects.get(client__last_name="Hautala")


def logged_in(browser, live_server, username: str):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(f"{live_server.url}/kirjaudu/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_load_state()
    return page


def test_worker_finds_the_case_and_pages_are_accessible(browser, live_server, demo):
    page = logged_in(browser, live_server, "sosiaalityo")
    page.get_by_role("link", name="Asiakkuudet", exact=True).click()
    assert serious_violations(page) == []
    page.get_by_label("Hae nimellä tai henkilötunnuksella").fill(demo.client.hetu)
    page.get_by_role("button", name="Hae", exact=True).click()
    assert demo.client.hetu not in page.url
    page.get_by_role("link", name="Hautala Jussi").click()
    assert page.get_by_role("heading", name="Hautala Jussi").is_visible()
    assert page.get_by_text(demo.client.hetu).is_visible()
    assert serious_violations(page) == []


def test_officer_loses_the_case_when_consent_is_withdrawn(browser, live_server, demo):
    officer = logged_in(browser, live_server, "te")
    case_url = f"{live_server.url}/asiakkuudet/{demo.pk}/"
    officer.goto(case_url)
    assert officer.get_by_role("heading", name="Hautala Jussi").is_visible()
    worker = logged_in(browser, live_server, "sosiaalityo")
    worker.goto(case_url)
    worker.get_by_role("button", name="Peru suostumus").click()
    assert worker.get_by_text("Suostumus peruttu: tietojen vaihto päättyi heti.").is_visible()
    response = officer.goto(case_url)
    assert response.status == 404
    assert officer.get_by_role("heading", name="Sivua ei löytynyt").is_visible()
    worker.goto(f"{case_url}lokiraportti/")
    assert worker.get_by_text("Tero Työllisyysasiantuntija").first.is_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/asiakkuudet/{pk}/",
        "/api/v1/cases/{pk}/",
        "/api/v1/clients/{client}/",
        "/asiakkuudet/{pk}/tiedot.json",
    ],
)
def test_supervisor_changing_ids_sees_nothing(browser, live_server, demo, path):
    page = logged_in(browser, live_server, "ohjaaja")
    for case in Case.objects.all():
        response = page.goto(live_server.url + path.format(pk=case.pk, client=case.client_id))
        assert response.status == 404

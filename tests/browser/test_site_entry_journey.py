"""Providers keep their directory entries (issue 14, item 4), in a real browser at 360 px:
the supervisor edits the entry he was granted and gets 404 on the other site; the
provider's administrator grants a colleague from the site's page."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.models import Site
from tests.browser.test_case_privacy import demo, logged_in  # noqa: F401
from tests.browser.test_login_journeys import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDEST = "document.documentElement.scrollWidth"


def test_supervisor_edits_the_granted_entry_only(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "ohjaaja")
    page.goto(f"{live_server.url}/palveluhakemisto/")
    page.get_by_role("link", name=re.compile("^Muokkaa hakemistotietoja.*Pajuluoma")).click()
    assert page.get_by_role("heading", name="Hakemistotiedot: Puutyöpaja Pajuluoma").is_visible()
    assert page.evaluate(WIDEST) <= 360
    assert serious_violations(page) == []
    page.get_by_label("Kuvaus").fill("Puutöitä ja veneiden kunnostusta.")
    page.get_by_label("Asiakaspaikkoja").fill("14")
    page.get_by_role("button", name="Tallenna hakemistotiedot").click()
    assert page.get_by_text("Hakemistotiedot tallennettu.").is_visible()
    today = timezone.localdate()
    assert page.get_by_text(f"{today.day}.{today.month}.{today.year}, Pekka Ohjaaja").is_visible()
    day = today + datetime.timedelta(days=14)
    page.get_by_role("textbox", name="Sulkupäivä", exact=True).fill(day.isoformat())
    page.get_by_label("Syy", exact=True).fill("Koulutuspäivä")
    page.get_by_role("button", name="Ilmoita sulkupäivä").click()
    assert page.get_by_text("Sulkupäivä ilmoitettu.").is_visible()
    assert page.get_by_role("listitem").filter(has_text="Koulutuspäivä").is_visible()
    kampus = Site.objects.get(name="Keittiö- ja kahvilapaja Kampus")
    response = page.goto(f"{live_server.url}/palveluhakemisto/{kampus.pk}/muokkaa/")
    assert response.status == 404


def test_administrator_grants_a_colleague_on_the_site_page(browser, live_server, demo):  # noqa: F811
    kampus = Site.objects.get(name="Keittiö- ja kahvilapaja Kampus")
    page = logged_in(browser, live_server, "paakayttaja")
    page.goto(f"{live_server.url}/palveluhakemisto/{kampus.pk}/")
    assert page.evaluate(WIDEST) <= 360
    assert serious_violations(page) == []
    page.get_by_label("Työntekijä").select_option(label="Pekka Ohjaaja")
    page.get_by_role("button", name="Anna muokkausoikeus").click()
    assert page.get_by_text("Pekka Ohjaaja voi nyt muokata yksikön").is_visible()
    colleague = logged_in(browser, live_server, "ohjaaja")
    response = colleague.goto(f"{live_server.url}/palveluhakemisto/{kampus.pk}/muokkaa/")
    assert response.status == 200
    page.get_by_role("button", name=re.compile("^Peru oikeus.*Pekka Ohjaaja")).click()
    assert page.get_by_text("Käyttäjän Pekka Ohjaaja muokkausoikeus peruttu.").is_visible()
    response = colleague.goto(f"{live_server.url}/palveluhakemisto/{kampus.pk}/muokkaa/")
    assert response.status == 404

"""Each demo user logs in in a real browser at 360 px and reaches their own home page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME_HEADINGS = {
    "sosiaalityo": "Omat asiakkuudet",
    "ohjaaja": "Päivän läsnäolot",
    "te": "Allekirjoitusta odottavat suunnitelmat",
    "koordinaattori": "Raportit",
    "paakayttaja": "Organisaatiot ja käyttäjät",
}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()


def test_login_page_is_finnish_and_accessible(page, live_server):
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.get_by_role("heading", name="Kirjaudu sisään").is_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("username", sorted(HOME_HEADINGS))
def test_demo_user_reaches_own_home_page(page, live_server, username):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server, username)
    heading = page.get_by_role("heading", name=HOME_HEADINGS[username])
    heading.wait_for()
    assert heading.is_visible()
    others = set(HOME_HEADINGS.values()) - {HOME_HEADINGS[username]}
    assert not any(page.get_by_role("heading", name=name).count() for name in others)
    assert serious_violations(page) == []


def test_page_fits_a_360_px_phone(page, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server, "koordinaattori")
    page.get_by_role("heading", name="Raportit").wait_for()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360


def test_swedish_can_be_chosen(page, live_server):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Kieli").select_option("sv")
    page.get_by_role("button", name="Vaihda").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", name="Logga in").is_visible()

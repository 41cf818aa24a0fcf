"""Issue 27, item 5: an organisation's administrator adds a user at 1280 px: the page
fits the screen and speaks Finnish."""

import re

import pytest

from tests.browser.test_case_privacy import DEMO_PASSWORD, demo  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIELDS = {
    "username": "Käyttäjätunnus:",
    "password1": "Salasana:",
    "password2": "Salasanan vahvistaminen:",
}
ENGLISH = re.compile(r"\b(the|you|user|password|after|available|chosen|choose|add|remove)\b", re.I)


def test_add_user_page_fits_1280_px_and_is_in_finnish(browser, live_server, demo):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    page = context.new_page()
    page.goto(f"{live_server.url}/kirjaudu/")
    page.get_by_label("Käyttäjätunnus").fill("paakayttaja")
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/hallinta/accounts/user/add/")
    page.wait_for_load_state("networkidle")
    wide = page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > 1280)"
        ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 20)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280, "\n".join(wide)
    labels = {field: page.locator(f"label[for=id_{field}]").inner_text() for field in FIELDS}
    assert labels == FIELDS
    text = page.locator("#content").inner_text()
    assert "Kun käyttäjä on luotu" in text
    english = [line for line in text.splitlines() if ENGLISH.search(line)]
    assert english == []
    context.close()

"""Forms and lists to the HDS / GOV.UK standard, measured in the browser at 360 and
1280 px: a compact header, lists as cards, an error summary whose links focus the field,
and screenshots to look at (written to KUTY_SCREENSHOTS, default /tmp/kuty-shots)."""

import datetime
import os
from pathlib import Path

import pytest

from tests.browser.test_case_privacy import demo, logged_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("KUTY_SCREENSHOTS", "/tmp/kuty-shots"))
SIDEWAYS = """() => [document.documentElement, ...document.querySelectorAll('.table-wrap')]
  .map(e => e.scrollWidth - e.clientWidth).filter(d => d > 1).length"""


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


def test_phone_header_is_compact_and_the_desktop_one_unchanged(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "sosiaalityo")
    page.goto(f"{live_server.url}/asiakkuudet/{demo.pk}/")
    assert header_height(page) <= 120
    shot(page, "case-360")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert header_height(page) <= 140
    shot(page, "case-1280")


def test_case_list_reads_as_cards_without_sideways_scroll(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "sosiaalityo")
    page.goto(f"{live_server.url}/asiakkuudet/")
    assert page.evaluate(SIDEWAYS) == 0
    cell = page.locator("main table.cards tbody td[data-label]").first
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert label.startswith('"Vaihe')
    assert page.locator("main table.cards thead").bounding_box()["height"] <= 1
    shot(page, "case-list-360")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("main table.cards thead").bounding_box()["height"] > 20
    shot(page, "case-list-1280")


def test_error_summary_is_focused_and_its_links_focus_the_field(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "sosiaalityo")
    page.goto(f"{live_server.url}/asiakkuudet/{demo.pk}/avattu/")
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    page.get_by_label("Vireille tullut").fill(tomorrow.isoformat())
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("e => e === document.activeElement")
    links = summary.get_by_role("link")
    assert links.count() == 2  # the future day and the missing reason
    assert "ei voi olla tulevaisuudessa" in links.first.inner_text()
    shot(page, "error-summary-360")
    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_reason"
    links.first.click()
    assert page.evaluate("document.activeElement.id") == "id_opened_on"
    field = page.locator("#id_opened_on")
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_opened_on_error" in field.get_attribute("aria-describedby")
    border = field.evaluate("e => getComputedStyle(e).borderTopColor")
    assert border == "rgb(176, 16, 56)"  # --error, not the ink of a valid field

"""What a new user met on a 360 px phone: nothing wider than the screen, styled inputs."""

import pytest

from tests.browser.test_case_privacy import demo, logged_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDEST = "document.documentElement.scrollWidth"


def test_case_page_fits_a_360_px_screen_and_its_tables_scroll_inside(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "sosiaalityo")
    page.goto(f"{live_server.url}/asiakkuudet/{demo.pk}/")
    assert page.evaluate(WIDEST) <= 360
    unwrapped = page.evaluate(
        "[...document.querySelectorAll('main table')].filter(t => !t.closest('.table-wrap')).length"
    )
    assert unwrapped == 0


def test_directory_search_box_is_styled_like_the_other_fields(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "sosiaalityo")
    page.goto(f"{live_server.url}/palveluhakemisto/")
    search = page.locator("input[type=search]").first
    style = search.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderTopWidth, s.minHeight]; }"
    )
    assert style == ["2px", "44px"]


def test_log_report_tables_scroll_inside_their_own_box(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "sosiaalityo")
    page.goto(f"{live_server.url}/asiakkuudet/{demo.pk}/lokiraportti/")
    assert page.locator("main .table-wrap table").count() == 2
    assert page.evaluate(WIDEST) <= 360

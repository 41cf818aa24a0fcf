"""Issue 13 in a real browser at 360 px: the coordinator opens the regional report from
the home page, filters it, reads a chart's numbers in its table; axe finds nothing
serious; a bad period is refused with a message naming the field."""

import pytest

from tests.browser.test_case_privacy import demo, logged_in  # noqa: F401
from tests.browser.test_login_journeys import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDEST = "document.documentElement.scrollWidth"


def test_coordinator_reads_the_report_on_a_phone(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "koordinaattori")
    page.get_by_role("link", name="Avaa alueraportti").click()
    page.get_by_role("heading", name="Alueraportti", level=1).wait_for()
    assert page.evaluate(WIDEST) <= 360
    assert page.locator("main svg[role=img]").count() == page.locator("table.report-table").count()
    assert serious_violations(page) == []
    page.get_by_label("Kunta", exact=True).select_option(label="Lapua")
    page.get_by_role("button", name="Näytä raportti").click()
    page.get_by_role("heading", name="Alueraportti", level=1).wait_for()
    annual = page.locator("table[data-table=annual_sex] tbody tr")
    assert annual.first.locator("th").inner_text() == "Lapua"
    assert "Meikäläinen" not in page.content() and "Asiakas 1" not in page.content()
    assert page.evaluate(WIDEST) <= 360


def test_a_period_ending_before_it_starts_is_refused(browser, live_server, demo):  # noqa: F811
    page = logged_in(browser, live_server, "koordinaattori")
    page.goto(f"{live_server.url}/raportit/alue/?start=2026-05-01&end=2026-04-01")
    # the error summary and the field both say it (issue 27, item 8)
    assert page.get_by_text(
        "Kausi päättyen: loppupäivä ei voi olla ennen alkupäivää."
    ).first.is_visible()
    assert page.locator("table.report-table").count() == 0
    assert serious_violations(page) == []

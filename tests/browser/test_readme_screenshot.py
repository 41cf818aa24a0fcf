"""The README's screenshot of a case page is taken here, from the demo, by headless
Chromium (issue 27, item 10: the old one showed a demo client's test identity under
the label "Henkilötunnus"). With KUTY_README_SCREENSHOT=1 it writes docs/asiakkuus.png;
without, the same picture goes to a temporary file."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from clients.models import Case
from tests.browser.test_login_journeys import log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

README_PNG = Path(__file__).resolve().parents[2] / "docs" / "asiakkuus.png"


def test_the_readme_screenshot_shows_no_identity_number_in_full(browser, live_server, tmp_path):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    case = Case.objects.select_related("client").get(client__last_name="Rintala")
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="fi-FI")
    page = context.new_page()
    try:
        log_in(page, live_server, "sosiaalityo")
        page.get_by_role("heading", name="Omat asiakkuudet").wait_for()
        page.goto(f"{live_server.url}/asiakkuudet/{case.pk}/")
        facts = dict(
            zip(
                page.locator("main dl").first.locator("dt").all_inner_texts(),
                page.locator("main dl").first.locator("dd").all_inner_texts(),
                strict=True,
            )
        )
        assert "Henkilötunnus" not in facts  # a demo identity is never shown as one
        assert facts["Testitunniste"].startswith(f"{case.client.hetu} (testitunniste)")
        target = README_PNG if os.environ.get("KUTY_README_SCREENSHOT") else tmp_path / "a.png"
        page.screenshot(path=str(target))
    finally:
        context.close()
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_privacy_officers_home_opens_on_the_check(page, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server, "tietosuoja")
    page.get_by_role("heading", name="Käytön valvonta").wait_for()
    assert page.get_by_role("button", name="Tarkista").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(page) == []

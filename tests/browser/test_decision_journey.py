"""Issue 5 in a real browser: the law checked as the user types; what the placement sees."""

import pytest
from django.core.management import call_command

from clients.models import Case
from placements.models import Placement
from tests.browser.test_intake_journey import logged_in
from tests.browser.test_login_journeys import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_decision_form_checks_the_law_as_the_user_types(browser, live_server, demo):
    case = Case.objects.get(client__last_name="Rintala")
    page = logged_in(browser, live_server, "sosiaalityo")
    page.goto(f"{live_server.url}/asiakkuudet/{case.pk}/paatokset/uusi/")
    for day in ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai"):
        page.get_by_label(day, exact=True).first.check()
    check = page.locator("#law-check")
    check.get_by_text("1–4 päivänä kalenteriviikossa", exact=False).wait_for()
    page.get_by_label("perjantai", exact=True).first.uncheck()
    page.get_by_label("Tunteja päivässä").fill("3")
    page.get_by_label("Tunteja päivässä").dispatch_event("change")
    check.get_by_text("vähintään 4 tuntia", exact=False).wait_for()
    assert serious_violations(page) == []


def test_supervisor_sees_the_notice_and_other_sites_see_nothing(browser, live_server, demo):
    placement = Placement.objects.get(case__client__last_name="Rintala")
    own = logged_in(browser, live_server, "ohjaaja")
    own.get_by_role("link", name="Rintala Tiina Marjatta").first.click()
    assert own.get_by_text("Ei raskaita nostoja").is_visible()
    assert own.get_by_text(placement.case.client.hetu).count() == 0
    assert serious_violations(own) == []
    response = own.goto(f"{live_server.url}/asiakkuudet/{placement.case_id}/")
    assert response.status == 404
    other = logged_in(browser, live_server, "ohjaaja.kurikka")
    for path in (
        f"/tyotoiminta/{placement.pk}/",
        f"/tyotoiminta/{placement.pk}/ilmoitus.pdf",
        f"/asiakkuudet/{placement.case_id}/paatokset/{placement.decision_id}/",
    ):
        assert other.goto(live_server.url + path).status == 404

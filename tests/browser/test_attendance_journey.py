"""Issue 6 on a 360 px phone: the supervisor saves the group's week in one submit."""

import datetime

import holidays
import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Site
from placements.models import Attendance
from tests.browser.test_login_journeys import log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_saves_last_weeks_attendance_on_a_phone(page, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    Attendance.objects.all().delete()
    log_in(page, live_server, "ohjaaja")
    site = Site.objects.get(name="Puutyöpaja Pajuluoma")
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    finnish_holidays = holidays.Finland(years=[monday.year - 1, monday.year])
    while any(monday + datetime.timedelta(days=i) in finnish_holidays for i in range(7)):
        monday -= datetime.timedelta(days=7)  # a week without public holidays
    page.goto(f"{live_server.url}/tyotoiminta/yksikko/{site.pk}/viikko/?viikko={monday}")
    selects = page.locator("select[name$='-status']")
    assert selects.count() >= 2
    for i in range(selects.count()):
        selects.nth(i).select_option("present")
    assert serious_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Tallenna viikko").click()
    page.get_by_text("Viikko tallennettu").wait_for()
    assert Attendance.objects.filter(status="present").count() == selects.count()

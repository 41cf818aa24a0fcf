"""The social worker's home opens on the to-do list; one click marks a reminder done
(htmx) and the header's count follows, at 360 px, with no serious axe violation."""

import re

import pytest
from django.core.management import call_command

from followup.models import Reminder
from tests.browser.test_login_journeys import log_in, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_marks_a_reminder_done_from_the_home_page(page, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server, "sosiaalityo")
    page.get_by_role("heading", name="Tehtävät", exact=True).wait_for()
    count = page.locator("#reminder-count")
    before = int(re.match(r"\d+", count.inner_text()).group())
    assert before >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(page) == []
    first = page.locator(".todo-item").first
    item_id = first.get_attribute("id")
    first.get_by_role("button", name=re.compile("^Tehty")).click()
    page.locator(f"#{item_id}").get_by_text("Merkitty tehdyksi").wait_for()
    shown = page.locator("#reminder-count")
    if before > 1:
        assert int(re.match(r"\d+", shown.inner_text()).group()) == before - 1
    else:
        assert shown.is_hidden()
    reminder = Reminder.objects.get(pk=int(item_id.split("-")[1]))
    assert (reminder.status, reminder.closed_by.username) == ("done", "sosiaalityo")


def test_supervisor_home_lists_the_unrecorded_days(page, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    log_in(page, live_server, "ohjaaja")
    page.get_by_role("heading", name="Tehtävät", exact=True).wait_for()
    todo = page.locator(".todo-list")
    assert todo.get_by_text("Läsnäoloja kirjaamatta").count() >= 1
    # one line a site (issue 27: grouped by kind and site), each to its own week
    todo.get_by_role("link", name=re.compile("Läsnäoloja kirjaamatta.*Pajuluoma")).click()
    page.wait_for_url(re.compile(r"/viikko/\?viikko="))
    assert page.get_by_role("heading", level=1).inner_text() == "Puutyöpaja Pajuluoma"

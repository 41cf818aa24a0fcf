"""The attendance week never changes what the supervisor typed (issue 27, item 3): "all
present" fills only untouched days and can be undone, a diary note typed before a failed
save survives a reload as the marks do, and leaving or logging out with changed marks asks
first."""

import datetime
import json

import pytest

from placements.models import Attendance
from tests.browser.test_attendance_journey import (
    cell,
    failing_saves,
    log_in,
    quiet_monday,
    week_url,
)
from tests.placements.test_attendance import place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRIDAY = datetime.timedelta(days=4)


def choose_absence(day, reason="own_sickness"):
    day.locator("summary").click()
    day.get_by_label("Poissa", exact=True).click()
    day.get_by_label("Poissaolon syy").select_option(reason)


def leave_unmarked(day):
    day.locator("summary").click()
    day.get_by_label("Jätä merkitsemättä").click()


def test_all_present_keeps_a_chosen_absence_and_a_day_left_unmarked(page, live_server, world):
    monday = quiet_monday()
    placement = place(world)
    log_in(page, live_server, world.pekka)
    page.goto(week_url(live_server, world, monday))
    sick, left = cell(page, placement, monday), cell(page, placement, monday + FRIDAY)
    choose_absence(sick)
    leave_unmarked(left)
    page.get_by_role("button", name="Kaikki paikalla aikataulun mukaan").click()
    assert sick.locator(".att-state").inner_text() == "poissa"
    assert sick.get_by_label("Poissaolon syy").input_value() == "own_sickness"
    assert left.locator(".att-state").inner_text() == "–"
    said = page.locator("[data-all-present-done]")
    assert said.inner_text().startswith("Kaikki päivät on jo merkitty.")
    assert said.get_by_role("button", name="Kumoa").is_hidden()  # nothing to take back
    page.get_by_role("button", name="Tallenna viikko").click()
    page.get_by_text("Viikko tallennettu (2 merkintää)").wait_for()
    assert Attendance.objects.get(day=monday).absence_reason == "own_sickness"


def test_all_present_fills_an_untouched_day_and_undo_takes_it_back(page, live_server, world):
    monday = quiet_monday()
    placement, other = place(world), place(world)
    log_in(page, live_server, world.pekka)
    page.goto(week_url(live_server, world, monday))
    leave_unmarked(cell(page, placement, monday + FRIDAY))
    long_day = cell(page, other, monday)
    long_day.locator("summary").click()
    long_day.get_by_label("Tunnit").fill("13")
    page.get_by_role("button", name="Tallenna viikko").click()
    page.get_by_text("tunnit ovat 0–12").wait_for()  # the week comes back as it was sent
    left = cell(page, placement, monday + FRIDAY)
    assert left.locator(".att-state").inner_text() == "–"
    page.get_by_role("button", name="Kaikki paikalla aikataulun mukaan").click()
    assert left.locator(".att-state").inner_text() == "4,0 h"
    assert cell(page, other, monday).locator(".att-state").inner_text() == "13 h"
    said = page.locator("[data-all-present-done]")
    assert said.inner_text().startswith("Päiviä merkitty läsnä: 1.")
    said.get_by_role("button", name="Kumoa").click()
    assert left.locator(".att-state").inner_text() == "–"
    assert said.inner_text().startswith("Läsnäolomerkinnät peruttu.")


def test_a_note_typed_before_a_failed_save_survives_a_reload(page, live_server, world):
    monday = quiet_monday()
    placement = place(world)
    log_in(page, live_server, world.pekka)
    page.goto(week_url(live_server, world, monday))
    failing_saves(page)  # offline
    day = cell(page, placement, monday)
    day.locator("summary").click()
    day.get_by_label("Työpäiväkirja").fill("Hiottiin tuoleja, tauko klo 10")
    page.get_by_role("button", name="Tallenna viikko").click()
    page.get_by_text("Yhteys palvelimeen katkesi").wait_for()
    (kept,) = page.evaluate("Object.values(localStorage)")
    assert placement.client_name.split()[0] not in kept  # ids, marks and notes: no names
    page.reload()
    day = cell(page, placement, monday)
    assert day.get_by_label("Työpäiväkirja").input_value() == ""  # not applied until asked
    page.get_by_role("region", name="Tallentamattomia merkintöjä").get_by_role(
        "button", name="Palauta"
    ).click()
    day.locator("summary").click()
    assert day.get_by_label("Työpäiväkirja").input_value() == "Hiottiin tuoleja, tauko klo 10"
    assert day.locator(".att-note").is_visible()
    page.unroute("**/viikko/**")
    page.get_by_role("button", name="Tallenna viikko").click()
    page.get_by_text("Viikko tallennettu (3 merkintää)").wait_for()
    saved = Attendance.objects.get(placement=placement, day=monday)
    assert saved.diary == "Hiottiin tuoleja, tauko klo 10"
    assert json.loads(kept)["marks"]  # what was kept is gone once saved
    assert page.evaluate("localStorage.length") == 0


def test_leaving_the_week_with_changed_marks_asks_first(page, live_server, world):
    monday = quiet_monday()
    placement = place(world)
    log_in(page, live_server, world.pekka)
    page.goto(week_url(live_server, world, monday))
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Edellinen viikko").click()  # nothing changed: no question
    page.wait_for_url(f"**?viikko={monday - datetime.timedelta(days=7)}")
    assert asked == []
    page.goto(week_url(live_server, world, monday))
    choose_absence(cell(page, placement, monday))
    page.get_by_role("link", name="Seuraava viikko").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url == week_url(live_server, world, monday)
    assert cell(page, placement, monday).locator(".att-state").inner_text() == "poissa"


def test_logging_out_with_changed_marks_asks_first(page, live_server, world):
    monday = quiet_monday()
    placement = place(world)
    log_in(page, live_server, world.pekka)
    page.goto(week_url(live_server, world, monday))
    choose_absence(cell(page, placement, monday))
    failing_saves(page)
    page.get_by_role("button", name="Tallenna viikko").click()
    page.get_by_text("Yhteys palvelimeen katkesi").wait_for()
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        if len(questions) == 1:
            dialog.dismiss()
        else:
            dialog.accept()

    page.on("dialog", answer)
    page.get_by_role("button", name="Kirjaudu ulos").click()
    assert questions == [
        "Viikon merkintöjä ei ole tallennettu. Jos kirjaudut ulos, ne poistetaan tältä "
        "laitteelta. Kirjaudutaanko silti ulos?"
    ]
    assert page.evaluate("localStorage.length") == 1  # kept: the user stayed
    assert cell(page, placement, monday).locator(".att-state").inner_text() == "poissa"
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.get_by_label("Käyttäjätunnus").wait_for()
    assert len(questions) == 2  # asked once more, and no second "leave the page?"
    assert page.evaluate("localStorage.length") == 0

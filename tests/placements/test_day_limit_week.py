"""The week grid and the week save at a client's day limit (issue 27, 11b): the day past
the limit is not prefilled "present", and one client's limit never blocks the group."""

import datetime

import lxml.html

from placements.models import Attendance
from tests.factories import api_for
from tests.placements.test_attendance import FRIDAY, MONDAY, WEDNESDAY, place, url, week_post


def tree(response):
    return lxml.html.fromstring(response.content.decode())


def texts(element, xpath: str) -> list[str]:
    return [" ".join(found.text_content().split()) for found in element.xpath(xpath)]


def at_the_limit(world):
    """A client whose last 178 days before the week were all participation days."""
    placement = place(world, start=MONDAY - datetime.timedelta(days=300))
    Attendance.objects.bulk_create(
        Attendance(
            placement=placement,
            day=MONDAY - datetime.timedelta(days=i),
            status="present",
            hours=4,
            recorded_by=world.pekka,
        )
        for i in range(1, 179)
    )
    return placement


def cell(page, placement, day):
    found = page.xpath(f"//*[@data-cell='a-{placement.pk}-{day:%Y%m%d}']")
    return found[0] if found else None


def test_a_day_past_the_limit_is_not_prefilled_present(client, world):
    full, other = at_the_limit(world), place(world)
    client.force_login(world.pekka)
    page = tree(client.get(url(world)))
    assert cell(page, full, MONDAY) is None  # no editor, so nothing "present" to save
    row = page.xpath(f"//fieldset[legend='{full.client_name}']")[0]
    assert texts(row, ".//*[@data-kind='limit']") == [
        f"{weekday} {day.day}.{day.month}. ei sallittu"
        for day, weekday in ((MONDAY, "ma"), (WEDNESDAY, "ke"), (FRIDAY, "pe"))
    ]
    (why,) = texts(row, ".//*[contains(@class, 'att-limit')]")
    assert f"Läsnäoloa ei voi merkitä {MONDAY.day}.{MONDAY.month}. alkaen" in why
    assert "osallistumispäiviä on jo 178 viimeisen 12 kuukauden aikana" in why
    checked = cell(page, other, MONDAY).xpath(".//input[@value='present']")[0]
    assert checked.checked  # the others are prefilled as before


def test_one_clients_limit_does_not_block_the_groups_week(client, world):
    full, other = at_the_limit(world), place(world)
    client.force_login(world.pekka)
    response = client.post(url(world), week_post([full, other]), follow=True)
    said = texts(tree(response), "//ul[@class='messages']/li")
    assert said[0] == "Viikko tallennettu (3 merkintää)."
    assert said[1:] == [
        f"{full.client_name} {day.day}.{day.month}.{day.year}: ei tallennettu. Päivä "
        "ylittäisi 178 osallistumispäivän rajan 12 kuukauden aikana (alueen sääntö)."
        for day in (MONDAY, WEDNESDAY, FRIDAY)
    ]
    assert Attendance.objects.filter(placement=other).count() == 3
    assert not Attendance.objects.filter(placement=full, day__gte=MONDAY).exists()


def test_an_absence_past_the_limit_is_saved(client, world):
    full = at_the_limit(world)
    key = f"a-{full.pk}-{MONDAY:%Y%m%d}"
    client.force_login(world.pekka)
    client.post(
        url(world),
        {"viikko": MONDAY.isoformat(), f"{key}-status": "absent", f"{key}-reason": "own_sickness"},
    )
    assert Attendance.objects.get(placement=full, day=MONDAY).status == "absent"


def test_the_api_saves_the_group_and_names_the_refused_day(world):
    full, other = at_the_limit(world), place(world)
    entries = [
        {"placement": p.pk, "day": MONDAY.isoformat(), "status": "present", "hours": "4"}
        for p in (full, other)
    ]
    response = api_for(world.pekka).post(
        "/api/v1/attendance/", {"site": world.site.pk, "entries": entries}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["saved"] == 1
    assert [m.split(":")[0] for m in response.json()["refused"]] == [
        f"{full.client_name} {MONDAY.day}.{MONDAY.month}.{MONDAY.year}"
    ]
    assert Attendance.objects.filter(day=MONDAY).get().placement == other

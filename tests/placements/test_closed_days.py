"""The site's closed days: one service (placements.services.site_closure_add) behind the
week page's form and the directory entry's."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from core import hooks
from placements.models import Attendance, SiteClosure
from placements.services import site_closure_add
from tests.placements.test_attendance import MONDAY, WEDNESDAY, place


def week_closure(client, world, **data):
    return client.post(f"/tyotoiminta/yksikko/{world.site.pk}/sulkupaiva/", data)


def shown(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_supervisor_marks_a_past_closed_day_on_the_week(client, world):
    client.force_login(world.pekka)
    response = week_closure(client, world, day=WEDNESDAY.isoformat(), reason=" Inventaario ")
    assert response.status_code == 302 and "Sulkupäivä merkitty." in shown(response)
    assert list(SiteClosure.objects.values_list("day", "reason")) == [(WEDNESDAY, "Inventaario")]


def test_the_same_day_twice_is_one_row_with_the_later_reason(client, world):
    client.force_login(world.pekka)
    week_closure(client, world, day=WEDNESDAY.isoformat(), reason="Inventaario")
    week_closure(client, world, day=WEDNESDAY.isoformat(), reason="Vesivahinko")
    assert list(SiteClosure.objects.values_list("reason", flat=True)) == ["Vesivahinko"]


def test_a_missing_day_names_the_field(client, world):
    client.force_login(world.pekka)
    response = week_closure(client, world, day="", reason="Inventaario")
    assert "Sulkupäivä: Tämä kenttä vaaditaan." in shown(response)
    assert not SiteClosure.objects.exists()


def test_a_too_long_reason_names_the_field(client, world):
    client.force_login(world.pekka)
    response = week_closure(client, world, day=WEDNESDAY.isoformat(), reason="x" * 201)
    assert "Syy:" in shown(response) and "200" in shown(response)
    assert not SiteClosure.objects.exists()


def test_a_day_already_marked_present_is_refused(client, world):
    placement = place(world)
    Attendance.objects.create(
        placement=placement, day=WEDNESDAY, status="present", hours=4, recorded_by=world.pekka
    )
    client.force_login(world.pekka)
    response = week_closure(client, world, day=WEDNESDAY.isoformat())
    assert f"Sulkupäivälle {WEDNESDAY:%-d.%-m.%Y} on jo merkitty läsnäoloja (1)" in shown(response)
    assert not SiteClosure.objects.exists()


def test_the_service_refuses_a_past_day_unless_marked_on_the_week(world):
    with pytest.raises(ValidationError) as refused:
        site_closure_add(actor=world.pekka, site=world.site, day=MONDAY, reason="")
    assert refused.value.message_dict == {
        "day": ["Sulkupäivän voi ilmoittaa vain tälle päivälle tai tuleville päiville."]
    }
    site_closure_add(actor=world.pekka, site=world.site, day=MONDAY, reason="", past=True)
    assert SiteClosure.objects.get().reason == "Yksikkö suljettu"


def test_the_cases_placed_there_that_day_are_told(world, monkeypatch):
    placed = place(world)
    place(world, start=MONDAY + datetime.timedelta(days=3))  # starts after the day
    told = []
    monkeypatch.setattr(hooks, "matter_changed", lambda ids, topic: told.append((ids, topic)))
    site_closure_add(actor=world.pekka, site=world.site, day=WEDNESDAY, reason="", past=True)
    assert told == [([placed.case_id], hooks.ATTENDANCE)]


def test_supervisor_of_other_site_gets_404(client, world):
    client.force_login(world.otto)
    assert week_closure(client, world, day=WEDNESDAY.isoformat()).status_code == 404
    assert not SiteClosure.objects.exists()


def test_social_worker_gets_404(client, world):
    client.force_login(world.alice)
    assert week_closure(client, world, day=WEDNESDAY.isoformat()).status_code == 404


def test_get_is_not_allowed(client, world):
    client.force_login(world.pekka)
    assert client.get(f"/tyotoiminta/yksikko/{world.site.pk}/sulkupaiva/").status_code == 405

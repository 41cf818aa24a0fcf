"""Free text has limits that fit its use, also in the database (issue 10, item 6)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from clients.models import NetworkMeeting
from core.text import NOTE, RECORD
from placements.models import Attendance
from tests.placements.test_attendance import MONDAY, place, url, week_post

MEGABYTE = "x" * 1_048_576


def test_a_megabyte_diary_note_is_refused_and_nothing_of_the_week_is_saved(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    key = f"a-{placement.pk}-{MONDAY:%Y%m%d}"
    response = client.post(url(world), {**week_post([placement]), f"{key}-diary": MEGABYTE})
    page = response.content.decode()
    assert f"työpäiväkirjan merkintä saa olla enintään {NOTE} merkkiä" in page
    assert placement.client_name in page
    assert not Attendance.objects.exists()


def test_a_note_at_the_limit_is_kept(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    key = f"a-{placement.pk}-{MONDAY:%Y%m%d}"
    client.post(url(world), {**week_post([placement]), f"{key}-diary": "x" * NOTE})
    assert len(Attendance.objects.get(day=MONDAY).diary) == NOTE


def test_the_api_refuses_a_long_diary_note(world):
    from tests.factories import api_for

    placement = place(world)
    response = api_for(world.pekka).post(
        "/api/v1/attendance/",
        {
            "site": world.site.pk,
            "entries": [
                {
                    "placement": placement.pk,
                    "day": MONDAY.isoformat(),
                    "status": "present",
                    "hours": "4",
                    "diary": "x" * (NOTE + 1),
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    assert str(NOTE) in str(response.json())
    assert not Attendance.objects.exists()


def test_a_megabyte_meeting_record_is_refused_with_a_clear_message(client, world):
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{world.case.pk}/tapaamiset/uusi/",
        {
            "kind": "network_meeting",
            "held_on": timezone.localdate().isoformat(),
            "participants": "Alice",
            "summary": MEGABYTE,
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    assert f"enintään {RECORD} merkkiä" in response.content.decode()
    assert not NetworkMeeting.objects.exists()


def test_the_database_refuses_what_gets_past_the_forms(world):
    placement = place(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(
            placement=placement,
            day=MONDAY + datetime.timedelta(days=0),
            status="present",
            hours=4,
            diary="x" * (NOTE + 1),
            recorded_by=world.pekka,
        )

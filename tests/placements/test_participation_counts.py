"""The participation counts from one query and date arithmetic give exactly the dates of
the law's day walk over present_days and planned_days (the ORM path they replaced)."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from core import law
from placements.models import Attendance
from placements.services import (
    days_in_12_months,
    participation_counts,
    planned_days,
    present_days,
    scheduled_days,
)
from tests.placements.test_attendance import TODAY, place

dates = st.dates(min_value=datetime.date(2023, 1, 1), max_value=datetime.date(2026, 12, 31))


@given(
    dates,
    st.integers(min_value=0, max_value=800),
    st.sets(st.integers(min_value=1, max_value=7), min_size=1),
    st.sets(dates),
)
def test_scheduled_days_are_the_weekdays_after_the_day_less_the_closed(
    after, length, weekdays, closed
):
    end = after + datetime.timedelta(days=length)
    every_day = [after + datetime.timedelta(days=i) for i in range(1, length + 1)]
    assert scheduled_days(weekdays, after, end, closed) == [
        day for day in every_day if day.isoweekday() in weekdays and day not in closed
    ]


@given(dates, dates)
def test_holiday_dates_hold_the_named_public_holidays(start, end):
    found = {day for day in law.holiday_dates(start, end) if start <= day <= end}
    assert found == set(law.public_holidays(start, end))


@pytest.mark.parametrize("limit", [5, 40, 178])
def test_participation_counts_agree_with_the_day_walk(world, limit):
    placement = place(world)
    day = placement.start_on
    while day < TODAY:
        if day.isoweekday() in placement.weekdays:
            status = "absent" if day.day % 5 == 0 else "present"
            Attendance.objects.create(
                placement=placement,
                day=day,
                status=status,
                hours=4 if status == "present" else None,
                absence_reason="other" if status == "absent" else "",
                recorded_by=world.pekka,
            )
        day += datetime.timedelta(days=1)
    world.site.closures.create(day=TODAY + datetime.timedelta(days=9), reason="Remontti")
    days = present_days([placement.pk])[placement.case_id]
    per_month: dict[str, int] = {}
    for day in days:
        if placement.start_on <= day <= placement.end_on:
            per_month[day.strftime("%Y-%m")] = per_month.get(day.strftime("%Y-%m"), 0) + 1
    with override_settings(KUTY_DAY_LIMIT=limit):
        counts = participation_counts(placement)
    assert counts == {
        "days_in_12_months": law.days_in_window(days, TODAY),
        "limit": limit,
        "limit_reached_on": law.limit_reached_on(days, planned_days(placement, TODAY), limit),
        "allowance_days_by_month": dict(sorted(per_month.items())),
    }
    assert days_in_12_months(placement.case_id) == law.days_in_window(days, TODAY)


def test_participation_counts_is_one_query(world, django_assert_num_queries):
    placement = place(world)
    with django_assert_num_queries(1):
        participation_counts(placement)


def _sql_first_day_over_limit(days, limit):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(day) FROM (SELECT day, count(*) OVER (ORDER BY day RANGE BETWEEN "
            f"{law.WINDOW_PRECEDING_SQL} PRECEDING AND CURRENT ROW) AS n "
            "FROM (SELECT DISTINCT unnest(%s::date[]) AS day) days) counted WHERE n > %s",
            [days, limit],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
@settings(max_examples=80, deadline=None)
@given(st.lists(dates, max_size=60), st.integers(min_value=1, max_value=20))
def test_the_week_checks_sql_window_is_law_window_start(days, limit):
    """The week save's check counts each day's window in SQL (WEEK_CHECK_SQL): the frame
    holds exactly law.window_start's days, 29 February included."""
    assert _sql_first_day_over_limit(days, limit) == law.first_day_over_limit(days, limit)


@pytest.mark.django_db
def test_leap_day_windows_agree_in_sql():
    days = [datetime.date(2023, 2, 28), datetime.date(2023, 3, 1), datetime.date(2024, 2, 29)]
    days += [datetime.date(2025, 2, 28), datetime.date(2025, 3, 1)]
    for limit in (1, 2):
        assert _sql_first_day_over_limit(days, limit) == law.first_day_over_limit(days, limit)

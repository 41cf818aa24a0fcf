"""core/law.py: the Act's limits and date arithmetic, property-tested."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from core import law

dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))


@given(st.integers(min_value=-5, max_value=40))
def test_period_is_3_to_24_months(months):
    if 3 <= months <= 24:
        law.validate_period_months(months)
    else:
        with pytest.raises(ValidationError, match="13 b §"):
            law.validate_period_months(months)


@given(st.integers(min_value=0, max_value=7))
def test_one_to_four_days_a_week(days):
    if 1 <= days <= 4:
        law.validate_days_per_week(days)
    else:
        with pytest.raises(ValidationError, match="13 b §"):
            law.validate_days_per_week(days)


@given(st.decimals(min_value=0, max_value=12, places=1))
def test_at_least_four_hours_a_day(hours):
    if hours >= 4:
        law.validate_hours_per_day(hours)
    else:
        with pytest.raises(ValidationError, match="vähintään 4 tuntia"):
            law.validate_hours_per_day(hours)


def test_decision_day_is_at_most_eight_hours():
    with pytest.raises(ValidationError, match="enintään 8"):
        law.validate_hours_per_day(9, maximum=law.HOURS_PER_DAY_MAX)


@given(dates, st.integers(min_value=3, max_value=24))
def test_period_end_round_trips_to_its_length(start, months):
    end = law.period_end(start, months)
    assert end > start
    assert law.months_between(start, end) == months


def test_period_end_examples():
    assert law.period_end(datetime.date(2026, 1, 1), 3) == datetime.date(2026, 3, 31)
    assert law.period_end(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 27)
    assert law.period_end(datetime.date(2025, 11, 15), 12) == datetime.date(2026, 11, 14)


@given(dates, st.integers(min_value=0, max_value=60))
def test_interruption_waits_a_month_and_needs_a_hearing(event, after):
    interrupted = event + datetime.timedelta(days=after)
    allowed = interrupted >= law.earliest_interruption(event)
    if allowed:
        law.validate_interruption(
            event_date=event, interrupted_on=interrupted, hearing_on=interrupted
        )
    else:
        with pytest.raises(ValidationError) as error:
            law.validate_interruption(
                event_date=event, interrupted_on=interrupted, hearing_on=interrupted
            )
        assert "interrupted_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        law.validate_interruption(event_date=event, interrupted_on=interrupted, hearing_on=None)
    assert "hearing_on" in error.value.message_dict


@given(st.lists(dates, max_size=50), dates)
def test_days_in_window_counts_the_rolling_12_months(days, on):
    surely_in = {d for d in days if on - datetime.timedelta(days=365) < d <= on}
    surely_out = {d for d in days if d > on or d <= on - datetime.timedelta(days=367)}
    count = law.days_in_window(days, on)
    assert len(surely_in) <= count <= len(set(days)) - len(surely_out)
    assert law.days_in_window([on], on) == 1


@given(dates, st.sampled_from(["handed_over", "post", "e_service"]))
def test_reconsideration_deadline_is_a_working_day_at_least_30_days_on(sent, method):
    received = law.deemed_received(method, sent)
    deadline = law.reconsideration_deadline(received)
    assert law.is_working_day(deadline)
    assert deadline >= received + datetime.timedelta(days=30)
    # never moved further than the run of non-working days (at most a long weekend + holidays)
    assert deadline <= received + datetime.timedelta(days=30 + 5)


def test_posted_letter_is_received_on_the_seventh_day():
    assert law.deemed_received("post", datetime.date(2026, 11, 2)) == datetime.date(2026, 11, 9)
    assert law.deemed_received("e_service", datetime.date(2026, 11, 2)) == datetime.date(
        2026, 11, 5
    )
    assert law.deemed_received("handed_over", datetime.date(2026, 11, 2)) == datetime.date(
        2026, 11, 2
    )


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (datetime.date(2026, 11, 4), datetime.date(2026, 12, 4)),  # a Friday
        (datetime.date(2026, 11, 6), datetime.date(2026, 12, 7)),  # Sunday 6.12. → Monday
        (datetime.date(2026, 11, 24), datetime.date(2026, 12, 28)),  # Christmas Eve → Monday
        (datetime.date(2026, 5, 20), datetime.date(2026, 6, 22)),  # Midsummer Eve → Monday
        (datetime.date(2026, 4, 1), datetime.date(2026, 5, 4)),  # May Day (Fri) → Monday
    ],
)
def test_deadline_moves_past_weekends_and_holidays(received, deadline):
    assert law.reconsideration_deadline(received) == deadline


@given(st.lists(dates, max_size=60), st.integers(min_value=1, max_value=20))
def test_first_day_over_limit_agrees_with_the_window_count(days, limit):
    over = law.first_day_over_limit(days, limit)
    if over is None:
        assert all(law.days_in_window(days, day) <= limit for day in days)
    else:
        assert law.days_in_window(days, over) > limit
        assert all(law.days_in_window(days, day) <= limit for day in days if day < over)


def test_limit_reached_on_counts_planned_days():
    start = datetime.date(2026, 1, 5)
    past = [start + datetime.timedelta(days=i) for i in range(3)]
    planned = [start + datetime.timedelta(days=7 + i) for i in range(5)]
    assert law.limit_reached_on(past, planned, 5) == planned[1]
    assert law.limit_reached_on(past, planned, 50) is None


def _limit_reached_on_by_day_loop(past_days, planned_days, limit):
    """The first implementation, kept as the oracle: recount the window per planned day."""
    days = sorted(set(past_days))
    for day in sorted(planned_days):
        days.append(day)
        if law.days_in_window(days, day) >= limit:
            return day
    return None


@given(
    st.lists(dates, max_size=80),
    st.lists(dates, max_size=80),
    st.integers(min_value=1, max_value=40),
)
def test_limit_reached_on_agrees_with_the_day_loop(past, planned, limit):
    assert law.limit_reached_on(past, planned, limit) == _limit_reached_on_by_day_loop(
        past, planned, limit
    )


def test_limit_reached_on_a_realistic_year_agrees_with_the_day_loop():
    start = datetime.date(2025, 3, 3)
    past = [start + datetime.timedelta(days=i) for i in range(0, 200) if i % 7 < 4]
    planned = [start + datetime.timedelta(days=i) for i in range(200, 730) if i % 7 < 4]
    expected = _limit_reached_on_by_day_loop(past, planned, 178)
    assert expected is not None
    assert law.limit_reached_on(past, planned, 178) == expected


@given(dates)
def test_window_start_is_the_day_after_the_same_date_a_year_earlier(on):
    from dateutil.relativedelta import relativedelta

    assert law.window_start(on) == on - relativedelta(months=12) + datetime.timedelta(days=1)


near = st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2026, 12, 31))


@given(st.sets(near, max_size=40), near, st.integers(min_value=1, max_value=12))
def test_a_day_fits_the_limit_when_no_window_would_exceed_it(days, day, limit):
    fits = law.day_fits_limit(days, day, limit)
    added = sorted(days | {day})
    if day in days:
        assert fits
    elif law.first_day_over_limit(sorted(days), limit) is None:
        assert fits == (law.first_day_over_limit(added, limit) is None)


def test_the_day_after_a_full_window_does_not_fit():
    start = datetime.date(2026, 1, 1)
    full = {start + datetime.timedelta(days=i) for i in range(178)}
    assert not law.day_fits_limit(full, start + datetime.timedelta(days=178), 178)
    assert law.day_fits_limit(full, datetime.date(2027, 1, 1), 178)  # the window moved on

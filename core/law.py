"""The law's numbers and date arithmetic, in one place, each with its section.

Act 189/2001 on rehabilitative work activity (laki kuntouttavasta työtoiminnasta);
Act 150/1930 on the calculation of time limits. Forms, serializers, services and model
constraints all call these, so the browser and the API give the same message.
Pure functions only: no database, no settings (the regional day limit is passed in).
"""

from __future__ import annotations

import calendar
import datetime
import functools

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext as _

# 13 b § 1: a period lasts at least three and at most 24 months at a time.
PERIOD_MIN_MONTHS = 3
PERIOD_MAX_MONTHS = 24
# 13 b § 2: one to four days per calendar week.
DAYS_PER_WEEK_MIN = 1
DAYS_PER_WEEK_MAX = 4
# 13 b § 2: a day lasts at least four hours. Decisions use at most eight (practice).
HOURS_PER_DAY_MIN = 4
HOURS_PER_DAY_MAX = 8


# The rules as a user reads them (help texts and database-constraint messages), with the
# numbers above filled in: translated when shown, never typed into a string elsewhere.
RULE_PERIOD = lazy(
    lambda: (
        _("Jakso on %(min)s–%(max)s kuukautta (13 b §).")
        % {"min": PERIOD_MIN_MONTHS, "max": PERIOD_MAX_MONTHS}
    ),
    str,
)()
RULE_DAYS_PER_WEEK = lazy(
    lambda: (
        _("Työtoimintaa on %(min)s–%(max)s päivänä viikossa (13 b §).")
        % {"min": DAYS_PER_WEEK_MIN, "max": DAYS_PER_WEEK_MAX}
    ),
    str,
)()
RULE_HOURS_MIN = lazy(
    lambda: _("Päivä kestää vähintään %(min)s tuntia (13 b §).") % {"min": HOURS_PER_DAY_MIN},
    str,
)()
RULE_HOURS_DECISION = lazy(
    lambda: (
        _("Päivä kestää %(min)s–%(max)s tuntia (13 b §).")
        % {"min": HOURS_PER_DAY_MIN, "max": HOURS_PER_DAY_MAX}
    ),
    str,
)()

# Activation plan: it may be deemed interrupted one month after the person has started
# work, business or full-time studies, the person having been heard (DOMAIN.md, from
# the Act's activation-plan rules; the hearing is Administrative Procedure Act 34 §).
INTERRUPTION_WAIT_MONTHS = 1


# Social Welfare Act 1301/2014, 36 §: the service-need assessment is to be completed
# without undue delay and within three months of the matter becoming pending.
ASSESSMENT_DEADLINE_MONTHS = 3


def assessment_deadline(initiated_on: datetime.date) -> datetime.date:
    """Sosiaalihuoltolaki 36 §: the last day for completing the assessment."""
    return initiated_on + relativedelta(months=ASSESSMENT_DEADLINE_MONTHS)


def assessment_overdue_opened_before(today: datetime.date) -> datetime.date:
    """Sosiaalihuoltolaki 36 §: a matter opened before this day is past its deadline today
    if its assessment is not complete (the inverse of assessment_deadline, for queries)."""
    return today - relativedelta(months=ASSESSMENT_DEADLINE_MONTHS)


def validate_period_months(months: int, field: str = "length_months") -> None:
    """13 b §: 3–24 months."""
    if not PERIOD_MIN_MONTHS <= months <= PERIOD_MAX_MONTHS:
        raise ValidationError(
            {
                field: _(
                    "Jakson pituus on %(min)s–%(max)s kuukautta (laki kuntouttavasta "
                    "työtoiminnasta 13 b §); annettu %(value)s kk."
                )
                % {"min": PERIOD_MIN_MONTHS, "max": PERIOD_MAX_MONTHS, "value": months}
            },
            code="period_months",
        )


def validate_days_per_week(days: int, field: str = "days_per_week") -> None:
    """13 b §: 1–4 days per calendar week."""
    if not DAYS_PER_WEEK_MIN <= days <= DAYS_PER_WEEK_MAX:
        raise ValidationError(
            {
                field: _(
                    "Työtoimintaa on 1–4 päivänä kalenteriviikossa (laki kuntouttavasta "
                    "työtoiminnasta 13 b §); annettu %(value)s päivää."
                )
                % {"value": days}
            },
            code="days_per_week",
        )


def validate_hours_per_day(hours, field: str = "hours_per_day", *, maximum: int | None = None):
    """13 b §: at least 4 hours a day; decisions at most `maximum` (8)."""
    if hours < HOURS_PER_DAY_MIN:
        raise ValidationError(
            {
                field: _(
                    "Työtoimintapäivä kestää vähintään 4 tuntia (laki kuntouttavasta "
                    "työtoiminnasta 13 b §); annettu %(value)s h."
                )
                % {"value": hours}
            },
            code="hours_per_day_min",
        )
    if maximum is not None and hours > maximum:
        raise ValidationError(
            {
                field: _("Työtoimintapäivä kestää enintään %(max)s tuntia; annettu %(value)s h.")
                % {"max": maximum, "value": hours}
            },
            code="hours_per_day_max",
        )


def validate_period(start: datetime.date, end: datetime.date, field: str = "end_on") -> None:
    """13 b §: a period from `start` to `end` (inclusive) is 3–24 months long."""
    shortest = period_end(start, PERIOD_MIN_MONTHS)
    longest = period_end(start, PERIOD_MAX_MONTHS)
    if not shortest <= end <= longest:
        raise ValidationError(
            {
                field: _(
                    "Jakson pituus on %(min)s–%(max)s kuukautta (laki kuntouttavasta "
                    "työtoiminnasta 13 b §): alkaen %(start)s päättymispäivä on välillä "
                    "%(shortest)s–%(longest)s."
                )
                % {
                    "min": PERIOD_MIN_MONTHS,
                    "max": PERIOD_MAX_MONTHS,
                    "start": start.strftime("%-d.%-m.%Y"),
                    "shortest": shortest.strftime("%-d.%-m.%Y"),
                    "longest": longest.strftime("%-d.%-m.%Y"),
                }
            },
            code="period",
        )


def validate_weekdays(weekdays: list[int], field: str = "weekdays") -> None:
    """13 b §: 1–4 different days of the calendar week."""
    if len(set(weekdays)) != len(weekdays):
        raise ValidationError({field: _("Sama viikonpäivä on annettu kahdesti.")})
    validate_days_per_week(len(weekdays), field=field)


def period_end(start: datetime.date, months: int) -> datetime.date:
    """13 b §: the last day of a period of `months` starting on `start`."""
    return start + relativedelta(months=months) - datetime.timedelta(days=1)


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from start to the day after end (a period's length)."""
    delta = relativedelta(end + datetime.timedelta(days=1), start)
    return delta.years * 12 + delta.months


def earliest_interruption(event_date: datetime.date) -> datetime.date:
    """The plan may be deemed interrupted one month after work, business or studies began."""
    return event_date + relativedelta(months=INTERRUPTION_WAIT_MONTHS)


def validate_interruption(
    *, event_date: datetime.date, interrupted_on: datetime.date, hearing_on: datetime.date | None
) -> None:
    """Interruption: at least a month after the event, and only after the person is heard."""
    errors = {}
    earliest = earliest_interruption(event_date)
    if interrupted_on < earliest:
        errors["interrupted_on"] = _(
            "Suunnitelman voi katsoa keskeytyneeksi aikaisintaan kuukauden kuluttua työn, "
            "yritystoiminnan tai päätoimisten opintojen alkamisesta, eli %(date)s."
        ) % {"date": earliest.strftime("%-d.%-m.%Y")}
    if hearing_on is None:
        errors["hearing_on"] = _(
            "Asiakasta on kuultava ennen kuin suunnitelma katsotaan keskeytyneeksi "
            "(hallintolaki 434/2003, 34 §)."
        )
    elif hearing_on > interrupted_on:
        errors["hearing_on"] = _("Kuuleminen on tehtävä ennen keskeytyspäivää.")
    if errors:
        raise ValidationError(errors)


def days_in_window(days: list[datetime.date], on: datetime.date) -> int:
    """Participation days in the 12 months ending on `on` (the rolling-window count)."""
    start = window_start(on)
    return len({day for day in days if start <= day <= on})  # a day counts once


# --- Notification of a decision and the time for a request for reconsideration -------

# Administrative Procedure Act 434/2003, 59 §: a letter is deemed received on the 7th day
# after sending; Act on Electronic Services 13/2003, 19 §: an electronic message on the
# 3rd day after sending; a decision handed over is received that day.
NOTIFICATION_DELAY_DAYS = {
    "handed_over": 0,
    "post": 7,
    "e_service": 3,
    # Suomi.fi Messages: its electronic message is 13/2003 19 §, its printed letter 59 §
    "suomifi": 3,
    "suomifi_post": 7,
}
# Administrative Procedure Act 434/2003, 49 c §: 30 days from the notification.
RECONSIDERATION_DAYS = 30


# The `holidays` package's names of Finnish holidays, by the user's language; without a
# language it falls back to the process locale (English under LANG=C.UTF-8).
HOLIDAY_LANGUAGES = {"fi": "fi", "sv": "sv_FI", "en": "en_US"}


def public_holidays(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """Finnish public holidays (incl. Christmas Eve and Midsummer Eve) from `holidays`,
    named in the active language (Finnish when none is active)."""
    import holidays
    from django.utils import translation

    language = (translation.get_language() or "fi").split("-")[0]
    found = holidays.Finland(
        years=range(start.year, end.year + 1),
        language=HOLIDAY_LANGUAGES.get(language, "fi"),
    )
    return {day: str(name) for day, name in found.items() if start <= day <= end}


@functools.lru_cache(maxsize=64)
def _holiday_dates_of_years(first: int, last: int) -> frozenset[datetime.date]:
    import holidays

    return frozenset(holidays.Finland(years=range(first, last + 1)))


def holiday_dates(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    """The days of public_holidays in the years from `start` to `end`, without their names:
    computed once per process for those years (a date check needs no language)."""
    return _holiday_dates_of_years(start.year, max(start, end).year)


def is_working_day(day: datetime.date) -> bool:
    """Act 150/1930, 5 §: not a Saturday, Sunday, public holiday (incl. Independence Day,
    May Day), Christmas Eve or Midsummer Eve."""
    return day.weekday() < 5 and day not in holiday_dates(day, day)


def next_working_day(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def working_days_back(today: datetime.date, count: int) -> datetime.date:
    """The last day that has `count` working days (150/1930 5 §) after it, up to and
    including today: a day on or before it has gone unanswered for `count` working days."""
    day, seen = today, 0
    while seen < count:
        if is_working_day(day):
            seen += 1
        day -= datetime.timedelta(days=1)
    return day


def deemed_received(method: str, sent_on: datetime.date) -> datetime.date:
    """434/2003 59 § (post: 7th day), 13/2003 19 § (e-service: 3rd day), handed over: same day."""
    return sent_on + datetime.timedelta(days=NOTIFICATION_DELAY_DAYS[method])


def reconsideration_deadline(received_on: datetime.date) -> datetime.date:
    """434/2003 49 c §: 30 days, the day of notification not counted; a last day that is not
    a working day moves to the next working day (150/1930 5 §)."""
    return next_working_day(received_on + datetime.timedelta(days=RECONSIDERATION_DAYS))


# --- Participation days ------------------------------------------------------------

# DOMAIN.md: the region's rule (the seeds cite 14 §): at most 178 participation days in
# any 12 months. Not in the Act's text, so it is a setting (KUTY_DAY_LIMIT), passed in.
DEFAULT_DAY_LIMIT = 178


def window_start(on: datetime.date) -> datetime.date:
    """The first day of the 12-month window that ends on `on`: the day after the same date a
    year earlier (29 February → the 28th), as `on - relativedelta(months=12) + 1 day`, in
    plain arithmetic (relativedelta took most of the projected date's time, issue 15)."""
    year = on.year - 1
    same_day = datetime.date(year, on.month, min(on.day, calendar.monthrange(year, on.month)[1]))
    return same_day + datetime.timedelta(days=1)


# window_start in SQL, for a window function over participation days: the frame
# `RANGE BETWEEN <this> PRECEDING AND CURRENT ROW` of a day holds exactly the days from
# window_start(day) to the day, since PostgreSQL takes the months off first (29 February
# → the 28th, as window_start does) and then adds the day back (property-tested against
# window_start in tests/placements/test_participation_counts.py).
WINDOW_PRECEDING_SQL = "interval '1 year -1 day'"


def first_day_over_limit(days: list[datetime.date], limit: int) -> datetime.date | None:
    """The first participation day on which some 12-month window holds more than `limit`."""
    ordered = sorted(set(days))
    start = 0
    for end, day in enumerate(ordered):
        while ordered[start] < window_start(day):
            start += 1
        if end - start + 1 > limit:
            return day
    return None


def day_fits_limit(days: set[datetime.date], day: datetime.date, limit: int) -> bool:
    """Whether `day` can be a participation day besides `days`: every 12-month window
    holding it (those ending on it or on a later day of `days` within a year) keeps at
    most `limit` days. The week grid asks it before prefilling a day, the week save before
    saving one (the region's rule, DOMAIN.md)."""
    if day in days:
        return True
    ordered = sorted(days | {day})
    for end in ordered:
        if end < day or window_start(end) > day:
            continue
        start = window_start(end)
        if sum(1 for d in ordered if start <= d <= end) > limit:
            return False
    return True


def limit_reached_on(
    past_days: list[datetime.date], planned_days: list[datetime.date], limit: int
) -> datetime.date | None:
    """The planned day on which the client would reach the limit, at the planned schedule.

    One pass of a sliding 12-month window over the sorted days (issue 15: recounting the
    window for every planned day was quadratic, 11.7 ms for one client against 0.53 ms
    for the raw count; tests/kuty/test_law.py checks it against that day loop)."""
    planned = set(planned_days)
    days = sorted(set(past_days) | planned)
    if len(days) < limit:
        return None  # no window can hold more days than there are
    start = 0
    for end, day in enumerate(days):
        if day not in planned:
            continue
        first = window_start(day)  # never moves back: the window's start only advances
        while days[start] < first:
            start += 1
        if end - start + 1 >= limit:
            return day
    return None

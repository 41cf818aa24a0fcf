"""Disclosure control between views of the regional report (issue 28): pure, no models.

Suppression inside one table (`suppression.py`) does not survive a second request: the
unfiltered table minus the same table filtered to one municipality, or a period ending
today minus one ending yesterday, gives the count of the few clients outside the
filter. The report is therefore made safe for every *pair* of views a reader can ask:

1. **A fixed grid of periods**: a whole calendar month, quarter, half-year or year (no
   period ending on an arbitrary day, so no one-day differences). Two periods of the
   grid are either disjoint or one contains the other.
2. **One filter at a time** (municipality, provider, site, age group, sex or language).
   A view's *parents* are the views of the same reader whose population contains its
   own: the same filter or none, over the same period or one of the grid's periods
   containing it; a site's view also has its provider's views as parents.
3. **Complement suppression**: a view computes its parents' figures and hides (marked
   as protected, not as a small count) every count whose difference from the same
   count of any parent is 1 to `minimum - 1`. Then the table's secondary suppression
   runs again with those cells hidden, so no lone hidden cell can be recomputed from
   a total.

So for any two views a reader can ask whose populations nest, every count shown in
both differs by 0 or by at least `minimum` (tests/reports/test_disclosure.py proves it
with Hypothesis over generated populations). Method and sources: docs/decisions.md
"Disclosure control of the regional report".
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import replace

from dateutil.relativedelta import relativedelta

# the grid: the months a period of each kind spans and the months it may start in
GRID = {"month": (1, range(1, 13)), "quarter": (3, (1, 4, 7, 10)), "half": (6, (1, 7))}
GRID["year"] = (12, (1,))
FILTERS = ("municipality", "provider", "site", "age_group", "sex", "language")


def _end_of(start: datetime.date, months: int) -> datetime.date:
    return start + relativedelta(months=months) - datetime.timedelta(days=1)


def period_kind(start: datetime.date, end: datetime.date) -> str | None:
    """ "month", "quarter", "half" or "year" when start..end is one period of the grid."""
    if start.day != 1:
        return None
    for kind, (months, starts) in GRID.items():
        if start.month in starts and end == _end_of(start, months):
            return kind
    return None


def containing(start: datetime.date, end: datetime.date) -> list[tuple]:
    """The grid's periods that contain start..end, other than itself."""
    out = []
    for months, starts in GRID.values():
        first = max(m for m in starts if m <= start.month)
        begin = start.replace(month=first)
        period = (begin, _end_of(begin, months))
        if period != (start, end) and period[1] >= end:
            out.append(period)
    return out


def active_filters(filters) -> list[str]:
    return [name for name in FILTERS if getattr(filters, name)]


def parents(filters, provider_of_site: Mapping[int, int]) -> list:
    """Every view whose population contains this one's (same reader): the same filter or
    none (a site's provider too) × this period or a containing one; not itself."""
    variants = [replace(filters, **{name: None if name in _IDS else "" for name in FILTERS})]
    if active_filters(filters):
        variants.append(filters)
    if filters.site and filters.site in provider_of_site:
        variants.append(replace(variants[0], provider=provider_of_site[filters.site]))
    periods = [(filters.start, filters.end), *containing(filters.start, filters.end)]
    out = []
    for variant in variants:
        for start, end in periods:
            view = replace(variant, start=start, end=end)
            if view != filters and view not in out:
                out.append(view)
    return out


_IDS = ("municipality", "provider", "site")


def differenced(
    counts: Mapping[Hashable, int | None],
    parent_counts: Iterable[Mapping[Hashable, int | None]],
    *,
    minimum: int,
) -> set[Hashable]:
    """The counts that differ by 1 to `minimum - 1` from the same count of a parent."""
    out = set()
    for other in parent_counts:
        for key, value in counts.items():
            theirs = other.get(key)
            if value is not None and theirs is not None and 0 < abs(theirs - value) < minimum:
                out.add(key)
    return out

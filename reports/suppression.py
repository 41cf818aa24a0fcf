"""Small-cell suppression of the regional report: pure, no Django models, property-tested.

Primary: a count of 1 to `minimum - 1` (default 1–4) is never shown ("<5").
Secondary: a table's totals tie its cells together (total = sum of parts). If exactly one
member of such a sum were hidden, it could be recomputed from the others, so another
member is hidden too: the smallest non-zero part still shown, else the total. This is
repeated until every sum hides none or at least two of its members (the classic
"no lone suppressed cell in a row or column" rule; 2-D tables have both).
Complement: a count of a subset shown beside its whole (referrals with a given reason,
when one referral can have several; clients on a day beside those during the period) is
not part of a sum, but whole − part counts the ones outside it; a difference of 1 to
`minimum - 1` would reveal a small group, so such a part is hidden.
A ratio (attendance rate) is hidden when its numerator or denominator is, and a median,
a percentile or a mean of fewer than `minimum` cases is not shown.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Key = Hashable


@dataclass(frozen=True)
class Sum:
    """`total` is the sum of `parts` (keys of the same table)."""

    total: Key
    parts: tuple[Key, ...]


def primary(values: Mapping[Key, int | None], minimum: int) -> set[Key]:
    return {key for key, value in values.items() if value is not None and 0 < value < minimum}


def suppress(
    values: Mapping[Key, int | None],
    sums: Sequence[Sum] = (),
    *,
    minimum: int,
    hidden: Iterable[Key] = (),
) -> set[Key]:
    """The keys whose values must not be shown: the small ones, those already `hidden`
    (complement suppression), and what their sums need hidden beside them."""
    hidden = primary(values, minimum) | set(hidden)
    order = {key: index for index, key in enumerate(values)}
    changed = True
    while changed:
        changed = False
        for rule in sums:
            members = (rule.total, *rule.parts)
            if sum(member in hidden for member in members) != 1:
                continue
            candidates = [
                part for part in rule.parts if part not in hidden and (values.get(part) or 0) > 0
            ]
            if candidates:
                pick = min(candidates, key=lambda part: (values[part], order.get(part, 0)))
            else:
                pick = rule.total  # the only hidden member is a part: hide the total
                if pick in hidden:  # only zeros beside a hidden total: nothing to recompute
                    continue
            hidden.add(pick)
            changed = True
    return hidden


def complement(
    parts: Mapping[Key, int | None], whole: int | None, *, whole_hidden: bool, minimum: int
) -> set[Key]:
    """The parts of a shown whole whose difference from it would be a small count."""
    if whole is None or whole_hidden:
        return set()
    return {
        key for key, value in parts.items() if value is not None and 0 < whole - value < minimum
    }


def one_way(keys: Iterable[Key], total: Key) -> list[Sum]:
    """The sum of a one-way table: its categories add up to its total row."""
    return [Sum(total, tuple(keys))]


def two_way(
    rows: Sequence[Key], columns: Sequence[Key], *, row_total: Key, column_total: Key
) -> list[Sum]:
    """A cross table keyed (row, column), with a total column and a total row."""
    sums = [Sum((row, column_total), tuple((row, column) for column in columns)) for row in rows]
    sums += [Sum((row_total, column), tuple((row, column) for row in rows)) for column in columns]
    grand = (row_total, column_total)
    sums.append(Sum(grand, tuple((row_total, column) for column in columns)))
    sums.append(Sum(grand, tuple((row, column_total) for row in rows)))
    return sums


def ratio_hidden(numerator: Key, denominator: Key, hidden: set[Key]) -> bool:
    return numerator in hidden or denominator in hidden


def statistic_shown(cases: int, minimum: int) -> bool:
    """A median, percentile or mean is shown only of at least `minimum` cases."""
    return cases >= minimum

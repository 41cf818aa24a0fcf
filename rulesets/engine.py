"""`rules_on(region, date)`: the rule set in force on a date, and the checks it makes.

One lookup for everyone who judges by the law (plan and decision services and forms, the
week's day limit, the notices): the latest rule set dated on or before the day, the
region's own or the national one. Within a request each (region, day) is read once:
the cache lives for the request (rulesets.middleware), so a task, a test or a command
outside a request always reads the database.
"""

from __future__ import annotations

import datetime
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization

from .models import PlanTypeRule, RuleSet

_cache: ContextVar[dict | None] = ContextVar("rules_cache", default=None)


class NoRuleSet(Exception):
    """No rule set is in force on the day: the administrator must add one."""


def region_of(organization: Organization | None) -> Organization | None:
    """The region a municipality belongs to (its parent), or the region itself."""
    if organization is None:
        return None
    if organization.kind == Organization.Kind.REGION:
        return organization
    return organization.parent if organization.parent_id else None


def _applicable(region_id: int | None):
    return RuleSet.objects.filter(Q(region__isnull=True) | Q(region_id=region_id))


def _lookup(region_id: int | None, on: datetime.date) -> RuleSet | None:
    return (
        _applicable(region_id)
        .filter(effective_from__lte=on)
        .order_by("-effective_from", "region_id")
        .prefetch_related("plan_types")
        .first()
    )


def rules_on(region: Organization | None, on: datetime.date | None = None) -> RuleSet:
    """The rule set in force on `on` (today) for `region`: the latest dated on or before
    it, the region's own winning a tie with the national one."""
    on = on or timezone.localdate()
    region_id = getattr(region, "pk", None)
    cache = _cache.get()
    key = (region_id, on)
    if cache is not None and key in cache:
        return cache[key]
    found = _lookup(region_id, on)
    if found is None and not RuleSet.objects.filter(effective_from__lte=on).exists():
        # no rule set in force at all (a flushed test database, whose demo data may add
        # only one dated ahead): the national rule sets of rulesets.defaults, as the data
        # migration adds them (idempotent), then the lookup once more
        from .defaults import RULE_SETS, ensure

        for spec in RULE_SETS:
            ensure(RuleSet, PlanTypeRule, spec)
        found = _lookup(region_id, on)
    if found is None:
        raise NoRuleSet(on)
    if cache is not None:
        cache[key] = found
    return found


def upcoming(region: Organization | None, today: datetime.date | None = None) -> list[RuleSet]:
    """Rule sets dated after today that will apply to the region: shown to the people
    they will affect before they apply."""
    today = today or timezone.localdate()
    return list(
        _applicable(getattr(region, "pk", None))
        .filter(effective_from__gt=today)
        .order_by("effective_from")
    )


def changes(before: RuleSet, after: RuleSet) -> list[str]:
    """What a user notices changing from one rule set to the next, in their language."""
    lines = []
    pairs = [
        (_("Jakson pituus (kk)"), "period_min_months", "period_max_months"),
        (_("Päiviä viikossa"), "days_week_min", "days_week_max"),
        (_("Tunteja päivässä"), "hours_day_min", "hours_day_max"),
    ]
    for label, low, high in pairs:
        old = (getattr(before, low), getattr(before, high))
        new = (getattr(after, low), getattr(after, high))
        if old != new:
            lines.append(f"{label}: {old[0]}–{old[1]} → {new[0]}–{new[1]}")
    if before.day_limit != after.day_limit:
        lines.append(
            _("Osallistumispäiviä 12 kuukaudessa enintään: %(old)s → %(new)s")
            % {"old": before.day_limit, "new": after.day_limit}
        )
    old_types = {p.code: p.name() for p in before.plan_types.all()}
    for plan_type in after.plan_types.all():
        if plan_type.code not in old_types:
            lines.append(_("Uusi suunnitelmatyyppi: %(name)s") % {"name": plan_type.name()})
    for rate, label in [
        ("expense_compensation_eur", _("Kulukorvaus")),
        ("activity_allowance_eur", _("Toimintaraha")),
    ]:
        if getattr(before, rate) != getattr(after, rate):
            lines.append(f"{label}: {getattr(before, rate)} € → {getattr(after, rate)} €")
    if before.service_name() != after.service_name():
        lines.append(
            _("Palvelun nimi: %(old)s → %(new)s")
            % {"old": before.service_name(), "new": after.service_name()}
        )
    return lines


# --- the checks (the same messages as core/law.py, with the rule set's numbers) ------


def _fmt(day: datetime.date) -> str:
    return day.strftime("%-d.%-m.%Y")


def validate_period_months(rules: RuleSet, months: int, field: str = "length_months") -> None:
    """13 b §: the period's length in months."""
    if not rules.period_min_months <= months <= rules.period_max_months:
        raise ValidationError(
            {
                field: _(
                    "Jakson pituus on %(min)s–%(max)s kuukautta (laki kuntouttavasta "
                    "työtoiminnasta 13 b §); annettu %(value)s kk."
                )
                % {"min": rules.period_min_months, "max": rules.period_max_months, "value": months}
                + " "
                + _("Sääntö: %(rules)s.") % {"rules": str(rules)}
            },
            code="period_months",
        )


def validate_days_per_week(rules: RuleSet, days: int, field: str = "days_per_week") -> None:
    """13 b §: days per calendar week."""
    if not rules.days_week_min <= days <= rules.days_week_max:
        raise ValidationError(
            {
                field: _(
                    "Työtoimintaa on %(min)s–%(max)s päivänä kalenteriviikossa (laki "
                    "kuntouttavasta työtoiminnasta 13 b §); annettu %(value)s päivää."
                )
                % {"min": rules.days_week_min, "max": rules.days_week_max, "value": days}
                + " "
                + _("Sääntö: %(rules)s.") % {"rules": str(rules)}
            },
            code="days_per_week",
        )


def validate_hours_per_day(
    rules: RuleSet, hours, field: str = "hours_per_day", *, decision: bool = False
) -> None:
    """13 b §: hours a day (a decision also at most the maximum)."""
    if hours < rules.hours_day_min or (decision and hours > rules.hours_day_max):
        low, high = rules.hours_day_min, rules.hours_day_max
        raise ValidationError(
            {
                field: (
                    _("Päivä kestää %(min)s–%(max)s tuntia (13 b §).")
                    if decision
                    else _("Päivä kestää vähintään %(min)s tuntia (13 b §).")
                )
                % {"min": low, "max": high}
                + " "
                + _("Annettu %(value)s h. Sääntö: %(rules)s.")
                % {"value": hours, "rules": str(rules)}
            },
            code="hours_per_day",
        )


def validate_period(
    rules: RuleSet, start: datetime.date, end: datetime.date, field: str = "end_on"
) -> None:
    """13 b §: a period from `start` to `end` (inclusive)."""
    from core.law import period_end

    shortest = period_end(start, rules.period_min_months)
    longest = period_end(start, rules.period_max_months)
    if not shortest <= end <= longest:
        raise ValidationError(
            {
                field: _(
                    "Jakson pituus on %(min)s–%(max)s kuukautta (laki kuntouttavasta "
                    "työtoiminnasta 13 b §): alkaen %(start)s päättymispäivä on välillä "
                    "%(shortest)s–%(longest)s."
                )
                % {
                    "min": rules.period_min_months,
                    "max": rules.period_max_months,
                    "start": _fmt(start),
                    "shortest": _fmt(shortest),
                    "longest": _fmt(longest),
                }
            },
            code="period",
        )


def plan_types_for(rules: RuleSet, benefits: set[str]) -> list[PlanTypeRule]:
    """The plan types the rule set allows for a client with these benefits, the expected
    one first (issue 26: the plan type follows the client's benefit and the date)."""
    return [p for p in rules.plan_types.all() if p.fits(benefits)]


def validate_plan_type(rules: RuleSet, code: str, benefits: set[str], field="plan_type") -> None:
    allowed = plan_types_for(rules, benefits)
    if code not in {p.code for p in allowed}:
        names = ", ".join(p.name() for p in allowed) or "–"
        raise ValidationError(
            {
                field: _(
                    "Asiakkaan etuuksilla suunnitelman tyyppi on %(allowed)s (sääntö %(rules)s)."
                )
                % {"allowed": names, "rules": str(rules)}
            },
            code="plan_type",
        )

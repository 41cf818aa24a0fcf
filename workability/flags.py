"""The integration criteria (seed 2: "identify the clients who need tighter integration
of services"): rules as data with the region's thresholds, each flag naming the rules
that fired, their values and the day."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from clients.models import Client
from core import hooks
from followup.models import CapacityAssessment, Closure, NextPath
from placements.models import AbsenceReason, Attendance, AttendanceStatus

from .models import (
    ContactKind,
    IntegrationFlag,
    IntegrationRule,
    ParallelService,
    PathContact,
    RuleKind,
    SuggestedAction,
    SupportPath,
)

DEFAULT_RULES = (  # (kind, threshold, weeks): the region overrides any of them
    (RuleKind.HEALTH_ABSENCES, 3, 8),
    (RuleKind.PARALLEL_SERVICES, 3, 8),
    (RuleKind.CAPACITY_LOW, 3, 8),
    (RuleKind.CAPACITY_FALLING, 2, 8),
    (RuleKind.REPEATED_PERIOD, 2, 8),
    (RuleKind.BENEFIT_CHANGE, 1, 8),
)


def rules_for(client: Client) -> list[IntegrationRule]:
    """The client's region's rules, each kind its own or the default one."""
    registrar = client.registrar
    region = registrar if registrar.kind == Organization.Kind.REGION else registrar.parent
    rules = IntegrationRule.objects.filter(Q(region=region) | Q(region__isnull=True), active=True)
    chosen: dict[str, IntegrationRule] = {}
    for rule in rules.order_by("kind", "region_id"):  # NULLs last: the region's first
        chosen.setdefault(rule.kind, rule)
    return list(chosen.values())


def _since(today: datetime.date, rule: IntegrationRule) -> datetime.date:
    return today - datetime.timedelta(weeks=rule.weeks)


def _health_absences(client, rule, today) -> int:
    return Attendance.objects.filter(
        placement__case__client=client,
        status=AttendanceStatus.ABSENT,
        absence_reason=AbsenceReason.OWN_SICKNESS,
        day__gt=_since(today, rule),
        day__lte=today,
    ).count()


def _parallel_services(client, rule, today) -> int:
    return ParallelService.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        path__client=client,
        path__ends_on__isnull=True,
        starts_on__lte=today,
    ).count()


def _scores(client) -> list[dict[int, int]]:
    """The last two self-assessments' domain scores, newest first."""
    assessments = (
        CapacityAssessment.objects.filter(case__client=client)
        .prefetch_related("scores")
        .order_by("-assessed_on", "-pk")[:2]
    )
    return [{s.domain_id: s.score for s in a.scores.all()} for a in assessments]


def _capacity_low(client, rule, today) -> int | None:
    scores = _scores(client)
    if not scores or not scores[0]:
        return None
    return min(scores[0].values())


def _capacity_falling(client, rule, today) -> int:
    scores = _scores(client)
    if len(scores) < 2:
        return 0
    newest, before = scores
    return max((before[d] - s for d, s in newest.items() if d in before), default=0)


def _repeated_period(client, rule, today) -> int:
    return client.cases.count()


def _benefit_change(client, rule, today) -> int:
    since = _since(today, rule)
    contacts = PathContact.objects.filter(
        path__client=client, kind=ContactKind.BENEFIT_CHANGE, held_on__gt=since
    ).count()
    closures = Closure.objects.filter(
        case__client=client,
        next_path__in=[NextPath.SICK_LEAVE, NextPath.PENSION],
        closed_on__gt=since,
    ).count()
    return contacts + closures


MEASURES = {
    RuleKind.HEALTH_ABSENCES: _health_absences,
    RuleKind.PARALLEL_SERVICES: _parallel_services,
    RuleKind.CAPACITY_LOW: _capacity_low,
    RuleKind.CAPACITY_FALLING: _capacity_falling,
    RuleKind.REPEATED_PERIOD: _repeated_period,
    RuleKind.BENEFIT_CHANGE: _benefit_change,
}


def fired(client: Client, today: datetime.date) -> list[dict]:
    """The rules that fire for the client today, with the measured value."""
    found = []
    for rule in rules_for(client):
        value = MEASURES[rule.kind](client, rule, today)
        if value is None:
            continue
        hit = (
            value <= rule.threshold
            if rule.kind == RuleKind.CAPACITY_LOW
            else value >= rule.threshold
        )
        if hit:
            found.append(
                {
                    "rule": rule.kind,
                    "value": value,
                    "threshold": rule.threshold,
                    "weeks": rule.weeks,
                    "on": today.isoformat(),
                }
            )
    return found


@hooks.changes(cases=lambda *_r, **_a: [])
def flags_evaluate(*, actor: User, client: Client, today: datetime.date) -> IntegrationFlag | None:
    """Evaluate the region's criteria for the client: raise (or update) the open flag
    when a rule fires, clear it when none does. None when no flag is open after it."""
    found = fired(client, today)
    flag = (
        IntegrationFlag.objects.select_for_update()
        .filter(client=client, cleared_on__isnull=True)
        .first()
    )
    if not found:
        if flag is not None:
            flag.cleared_on = today
            flag.save(update_fields=["cleared_on"])
        return None
    on_path = SupportPath.objects.filter(client=client, ends_on__isnull=True).exists()
    suggested = SuggestedAction.NETWORK_MEETING if on_path else SuggestedAction.REFERRAL
    if flag is None:
        flag = IntegrationFlag(client=client, raised_by=actor, raised_on=today)
    elif [f["rule"] for f in flag.fired] == [f["rule"] for f in found]:
        found = flag.fired  # the same rules: they fired on the day first seen
    flag.fired, flag.suggested = found, suggested
    flag.full_clean()
    flag.save()
    return flag


def explain(flag: IntegrationFlag) -> list[str]:
    """Which rules fired and when, as the user reads it."""
    labels = dict(RuleKind.choices)
    lines = []
    for item in flag.fired:
        day = datetime.date.fromisoformat(item["on"])
        lines.append(
            _("%(rule)s %(threshold)s: %(value)s (%(day)s)")
            % {
                "rule": labels.get(item["rule"], item["rule"]),
                "threshold": item["threshold"],
                "value": item["value"],
                "day": f"{day:%-d.%-m.%Y}",
            }
        )
    return lines


def ensure_default_rules() -> None:
    """The national defaults (the data migration's), for tests that flush the tables."""
    for kind, threshold, weeks in DEFAULT_RULES:
        IntegrationRule.objects.get_or_create(
            region=None, kind=kind, defaults={"threshold": threshold, "weeks": weeks}
        )

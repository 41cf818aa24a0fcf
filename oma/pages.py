"""What the client's pages show, read through the catalogue with Right.OWN."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from clients.access import access_log
from clients.models import AccessAction, Client
from core.access import AccessMeta, Right
from core.records import catalogue
from plans.models import ActivationPlan, Party, PlanState

CURRENT = (PlanState.DRAFT, PlanState.SIGNED, PlanState.IN_FORCE)


@dataclass
class Registrar:
    """One organiser's records of the person (703/2023: each registrar separately)."""

    name: str
    plans: list[ActivationPlan] = field(default_factory=list)
    to_sign: list[ActivationPlan] = field(default_factory=list)
    reviews: list[tuple[datetime.date, ActivationPlan]] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)  # open cases: the self-assessment


def own_clients(user) -> list[Client]:
    records = catalogue["client"].in_reach(user, Right.OWN).select_related("registrar")
    return list(records.order_by("registrar__name", "pk"))


def front_page(user, meta: AccessMeta) -> list[Registrar]:
    clients = own_clients(user)
    plans = (
        catalogue["activation_plan"]
        .in_reach(user, Right.OWN)
        .filter(state__in=CURRENT)
        .select_related("case", "plan_type")
        .prefetch_related("signatures")
        .order_by("-version", "pk")
    )
    by_client = {client.pk: Registrar(name=client.registrar.name) for client in clients}
    today = timezone.localdate()
    open_cases = catalogue["case"].in_reach(user, Right.OWN).open().order_by("pk")
    for case_id, client_id in open_cases.values_list("pk", "client_id"):
        by_client[client_id].case_ids.append(case_id)
    for plan in plans:
        registrar = by_client[plan.case.client_id]
        registrar.plans.append(plan)
        if plan.state == PlanState.DRAFT and not _client_signed(plan):
            registrar.to_sign.append(plan)
        if plan.assessment_due_on and plan.assessment_due_on >= today:
            registrar.reviews.append((plan.assessment_due_on, plan))
    access_log(user=user, clients=clients, action=AccessAction.LIST, what="oma etusivu", meta=meta)
    return list(by_client.values())


def _client_signed(plan: ActivationPlan) -> bool:
    return any(s.party == Party.CLIENT for s in plan.signatures.all())


def plan_page(plan: ActivationPlan) -> dict:
    signatures = list(plan.signatures.all())
    placements = list(
        plan.case.placements.select_related("site", "supervisor").order_by("-start_on")[:1]
    )
    signed = any(s.party == Party.CLIENT for s in signatures)
    return {
        "plan": plan,
        "signatures": signatures,
        "client_signed": signed,
        "may_sign": plan.state == PlanState.DRAFT and not signed,
        "placement": placements[0] if placements else None,
        "worker": plan.case.responsible_worker,
        "registrar": plan.case.municipality,
    }


def own_consents(user, meta: AccessMeta) -> list:
    consents = list(
        catalogue["consent"]
        .in_reach(user, Right.OWN)
        .select_related("organization", "client__registrar")
        .order_by("-given_on", "-pk")
    )
    access_log(
        user=user,
        clients=[c.client_id for c in consents],
        action=AccessAction.LIST,
        what="omat suostumukset",
        meta=meta,
    )
    return consents


LOG_YEARS = 2  # 703/2023: the client's access log, the last two years by default


def processing_log(user, meta: AccessMeta) -> dict:
    since = timezone.now() - datetime.timedelta(days=365 * LOG_YEARS)
    accesses = list(
        catalogue["access_log"]
        .in_reach(user, Right.OWN)
        .filter(at__gte=since)
        .select_related("user", "client__registrar")
        .order_by("-at", "-pk")
    )
    disclosures = list(
        catalogue["disclosure_log"]
        .in_reach(user, Right.OWN)
        .filter(at__gte=since)
        .select_related("recipient", "client__registrar")
        .order_by("-at", "-pk")
    )
    clients = own_clients(user)
    access_log(
        user=user, clients=clients, action=AccessAction.VIEW, what="oma käyttöloki", meta=meta
    )
    return {"accesses": accesses, "disclosures": disclosures, "since": since.date(), "me": user}


SHOWN_DECISIONS = ("made", "notified", "in_force", "ended", "replaced")  # never a draft


def own_days(user, meta: AccessMeta) -> list[dict]:
    """Each placement: the days as recorded (the last eight weeks) and the 12-month
    count with the day the limit would be reached, as the staff see it."""
    from placements.services import participation_counts

    placements = list(
        catalogue["placement"]
        .in_reach(user, Right.OWN)
        .select_related("site", "case__municipality")
        .order_by("-start_on")
    )
    since = timezone.localdate() - datetime.timedelta(weeks=8)
    marks = catalogue["attendance"].in_reach(user, Right.OWN).filter(day__gte=since)
    by_placement: dict[int, list] = {}
    for mark in marks.order_by("-day"):
        by_placement.setdefault(mark.placement_id, []).append(mark)
    shown = [
        {
            "placement": placement,
            "counts": participation_counts(placement),
            "marks": by_placement.get(placement.pk, []),
        }
        for placement in placements
    ]
    access_log(
        user=user,
        clients=[p.case.client_id for p in placements],
        action=AccessAction.LIST,
        what="omat päivät",
        meta=meta,
    )
    return shown


def own_decisions(user, meta: AccessMeta) -> list:
    decisions = list(
        catalogue["decision"]
        .in_reach(user, Right.OWN)
        .filter(status__in=SHOWN_DECISIONS)
        .select_related("case__municipality", "notification")
        .order_by("-decided_on", "-pk")
    )
    access_log(
        user=user,
        clients=[d.case.client_id for d in decisions],
        action=AccessAction.LIST,
        what="omat päätökset",
        meta=meta,
    )
    return decisions


def self_assessment_form(post=None):
    """One 0–10 choice per domain in use (10 = best), and the phase."""
    from django import forms
    from django.utils.translation import gettext_lazy

    from followup.models import AssessmentPhase, CapacityDomain

    fields = {
        "phase": forms.ChoiceField(label=gettext_lazy("Milloin"), choices=AssessmentPhase.choices)
    }
    for domain in CapacityDomain.objects.filter(active=True).order_by("position"):
        fields[f"domain_{domain.pk}"] = forms.TypedChoiceField(
            label=str(domain), choices=[(n, n) for n in range(11)], coerce=int
        )
    return type("SelfAssessmentForm", (forms.Form,), fields)(post)

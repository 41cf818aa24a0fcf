"""The plans' records, declared once (core.records). The employment authority reads,
co-writes and signs a plan of a case shared with it by consent (Right.CO_SIGN);
assessments and the client and employment plans are read as their case is."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from clients.records import of_cases, visible, worked
from core import hooks
from core.access import Right
from core.records import RecordKind, TimelineEntry, catalogue

from .models import (
    ActivationPlan,
    Assessment,
    ClientBenefit,
    ClientPlan,
    EmploymentPlan,
    PlanState,
)

# the social work's own plans: read as the case is, not co-written by the authority
READ_OR_WORK = {Right.READ: visible("case_id"), Right.WORK: worked("case_id")}


def _assessment_timeline(assessment: Assessment):
    yield TimelineEntry(
        assessment.started_on,
        title=__("Palvelutarpeen arviointi alkoi"),
        detail=assessment.summary,
    )
    if assessment.completed_on:
        yield TimelineEntry(
            assessment.completed_on,
            title=__("Palvelutarpeen arviointi valmistui"),
            detail=assessment.conclusion,
        )


def _client_plan_timeline(plan: ClientPlan):
    yield TimelineEntry(plan.drawn_up_on, title=__("Asiakassuunnitelma"), detail=plan.goals)


def _employment_plan_timeline(plan: EmploymentPlan):
    detail = f"{plan.employment_authority.name}, {plan.authority_contact}"
    yield TimelineEntry(plan.drawn_up_on, title=__("Työllistymissuunnitelma"), detail=detail)


def _activation_plan_timeline(plan: ActivationPlan):
    url = reverse("plans:plan_detail", args=[plan.case_id, plan.pk])
    yield TimelineEntry(
        plan.created_at.date(), title=__("%(plan)s laadittu") % {"plan": plan}, url=url
    )
    for signature in plan.signatures.all():
        yield TimelineEntry(
            signature.signed_on,
            title=__("%(plan)s: allekirjoitti %(party)s (%(name)s)")
            % {"plan": plan, "party": signature.get_party_display(), "name": signature.signer_name},
            url=url,
        )
    if plan.state == PlanState.INTERRUPTED:
        yield TimelineEntry(
            plan.interrupted_on, title=__("%(plan)s keskeytyi") % {"plan": plan}, url=url
        )


ASSESSMENT = RecordKind(
    name="assessment",
    model=Assessment,
    scopes=READ_OR_WORK,
    label="palvelutarpeen arvio",
    title=_("Palvelutarpeen arviot"),
    topic=hooks.PLAN,
    order_by=("started_on", "pk"),
    timeline=_assessment_timeline,
)
CLIENT_PLAN = RecordKind(
    name="client_plan",
    model=ClientPlan,
    scopes=READ_OR_WORK,
    label="asiakassuunnitelma",
    title=_("Asiakassuunnitelmat"),
    topic=hooks.PLAN,
    order_by=("drawn_up_on", "pk"),
    timeline=_client_plan_timeline,
)
EMPLOYMENT_PLAN = RecordKind(
    name="employment_plan",
    model=EmploymentPlan,
    scopes=READ_OR_WORK,
    label="työllistymissuunnitelma",
    title=_("Työllistymissuunnitelmat"),
    topic=hooks.PLAN,
    order_by=("drawn_up_on", "pk"),
    timeline=_employment_plan_timeline,
    timeline_related=("employment_authority",),
)
ACTIVATION_PLAN = RecordKind(
    name="activation_plan",
    model=ActivationPlan,
    scopes=of_cases(),
    label="suunnitelma",
    title=_("Aktivointisuunnitelmat ja monialaiset työllistymissuunnitelmat"),
    topic=hooks.PLAN,
    children=("signatures",),
    select_related=(
        "case__client__home_municipality",
        "case__municipality",
        "case__responsible_worker",
        "plan_type",
        "previous",
    ),
    order_by=("version", "pk"),
    timeline=_activation_plan_timeline,
    timeline_related=("plan_type",),
    timeline_prefetch=("signatures",),
)


def _benefit_timeline(benefit: ClientBenefit):
    yield TimelineEntry(
        benefit.start_on,
        title=__("Etuus: %(kind)s") % {"kind": benefit.get_kind_display()},
        detail=benefit.fund,
    )


CLIENT_BENEFIT = RecordKind(
    name="client_benefit",
    model=ClientBenefit,
    scopes=READ_OR_WORK,
    label="etuus",
    title=_("Etuudet"),
    topic=hooks.PLAN,
    order_by=("start_on", "pk"),
    timeline=_benefit_timeline,
)

catalogue.declare(ASSESSMENT, CLIENT_PLAN, EMPLOYMENT_PLAN, ACTIVATION_PLAN, CLIENT_BENEFIT)

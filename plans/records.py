"""The plans' records, declared once (core.records). The employment authority reads,
co-writes and signs a plan of a case shared with it by consent (Right.CO_SIGN);
assessments and the client and employment plans are read as their case is."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clients.records import of_cases
from core import hooks
from core.records import RecordKind, catalogue

from .models import ActivationPlan, Assessment, ClientPlan, EmploymentPlan

ASSESSMENT = RecordKind(
    name="assessment",
    model=Assessment,
    client_path="case__client",
    case_path="case",
    scopes=of_cases(),
    label="palvelutarpeen arvio",
    title=_("Palvelutarpeen arviot"),
    topic=hooks.PLAN,
    order_by=("started_on", "pk"),
)
CLIENT_PLAN = RecordKind(
    name="client_plan",
    model=ClientPlan,
    client_path="case__client",
    case_path="case",
    scopes=of_cases(),
    label="asiakassuunnitelma",
    title=_("Asiakassuunnitelmat"),
    topic=hooks.PLAN,
    order_by=("drawn_up_on", "pk"),
)
EMPLOYMENT_PLAN = RecordKind(
    name="employment_plan",
    model=EmploymentPlan,
    client_path="case__client",
    case_path="case",
    scopes=of_cases(),
    label="työllistymissuunnitelma",
    title=_("Työllistymissuunnitelmat"),
    topic=hooks.PLAN,
    order_by=("drawn_up_on", "pk"),
)
ACTIVATION_PLAN = RecordKind(
    name="activation_plan",
    model=ActivationPlan,
    client_path="case__client",
    case_path="case",
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
)

catalogue.declare(ASSESSMENT, CLIENT_PLAN, EMPLOYMENT_PLAN, ACTIVATION_PLAN)

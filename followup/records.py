"""The follow-up records, declared once (core.records).

Evaluations and capacity self-assessments are written and read by the organiser's
social worker (the case: Right.WORK) and by the supervisor of the placement's site
(Right.SUPERVISE), for their own placed clients only; Right.READ is either. Reviews and
closures are the social worker's to read and to act on; a reminder is its recipient's."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clients.records import worked, worked_only
from core import hooks
from core.access import Right
from core.records import RecordKind, catalogue
from placements.models import Placement

from .models import CapacityAssessment, Closure, Evaluation, Reminder, Review


def _supervised(actor) -> Q:
    return Q(placement__in=Placement.objects.supervised_by(actor).values("pk"))


def _worked_or_supervised(actor) -> Q:
    return worked("case_id")(actor) | _supervised(actor)


WITH_PLACEMENTS = {
    Right.READ: _worked_or_supervised,
    Right.WORK: worked("case_id"),
    Right.SUPERVISE: _supervised,
}

EVALUATION = RecordKind(
    name="evaluation",
    model=Evaluation,
    client_path="case__client",
    case_path="case",
    scopes=WITH_PLACEMENTS,
    label="arviointi",
    title=_("Arvioinnit"),
    topic=hooks.REVIEW,
    children=("scores",),
    order_by=("evaluated_on", "pk"),
)
CAPACITY = RecordKind(
    name="capacity_assessment",
    model=CapacityAssessment,
    client_path="case__client",
    case_path="case",
    scopes=WITH_PLACEMENTS,
    label="itsearvio",
    title=_("Toimintakyvyn itsearviot"),
    topic=hooks.REVIEW,
    children=("scores",),
    order_by=("assessed_on", "pk"),
)
REVIEW = RecordKind(
    name="review",
    model=Review,
    client_path="case__client",
    case_path="case",
    scopes=worked_only(),
    label="tarkistus",
    title=_("Suunnitelman tarkistukset"),
    topic=hooks.REVIEW,
    order_by=("held_on", "pk"),
)
CLOSURE = RecordKind(
    name="closure",
    model=Closure,
    client_path="case__client",
    case_path="case",
    scopes=worked_only(),
    label="päättäminen",
    title=_("Asiakkuuden päättäminen"),
    topic=hooks.CASE,
)
REMINDER = RecordKind(
    name="reminder",
    model=Reminder,
    client_path="case__client",
    case_path="case",
    scopes={Right.READ: lambda actor: Q(pk__in=Reminder.objects.for_user(actor).values("pk"))},
    label="muistutus",
    title=_("Muistutukset"),
    not_exported=("matched_at",),
    order_by=("due_on", "pk"),
)

catalogue.declare(EVALUATION, CAPACITY, REVIEW, CLOSURE, REMINDER)

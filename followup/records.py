"""The follow-up records, declared once (core.records).

Evaluations and capacity self-assessments are written and read by the organiser's
social worker (the case: Right.WORK) and by the supervisor of the placement's site
(Right.SUPERVISE), for their own placed clients only; Right.READ is either. Reviews and
closures are the social worker's to read and to act on; a reminder is its recipient's."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from clients.records import worked, worked_only
from core import hooks
from core.access import Right
from core.records import RecordKind, TimelineEntry, catalogue
from placements.models import Placement

from .models import CapacityAssessment, Closure, Evaluation, Reminder, Review


def _evaluation_timeline(evaluation: Evaluation):
    yield TimelineEntry(
        evaluation.evaluated_on,
        title=str(evaluation),
        url=reverse("followup:evaluation_detail", args=[evaluation.pk]),
        detail=evaluation.summary,
    )


def _capacity_timeline(assessment: CapacityAssessment):
    phase = assessment.get_phase_display()
    yield TimelineEntry(assessment.assessed_on, title=__("Itsearvio: %(phase)s") % {"phase": phase})


def _review_timeline(review: Review):
    yield TimelineEntry(review.held_on, title=str(review), detail=review.agreed)


def _closure_timeline(closure: Closure):
    path = closure.get_next_path_display()
    yield TimelineEntry(
        closure.closed_on,
        title=__("Jatkopolku: %(path)s") % {"path": path},
        detail=closure.continuation_plan,
    )


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
    scopes=WITH_PLACEMENTS,
    label="arviointi",
    title=_("Arvioinnit"),
    topic=hooks.CASE,
    children=("scores",),
    order_by=("evaluated_on", "pk"),
    timeline=_evaluation_timeline,
    timeline_related=("placement__site",),
)
CAPACITY = RecordKind(
    name="capacity_assessment",
    model=CapacityAssessment,
    scopes=WITH_PLACEMENTS,
    label="itsearvio",
    title=_("Toimintakyvyn itsearviot"),
    topic=hooks.CASE,
    children=("scores",),
    order_by=("assessed_on", "pk"),
    timeline=_capacity_timeline,
    timeline_prefetch=("scores",),
)
REVIEW = RecordKind(
    name="review",
    model=Review,
    scopes=worked_only(),
    label="tarkistus",
    title=_("Suunnitelman tarkistukset"),
    topic=hooks.REVIEW,
    order_by=("held_on", "pk"),
    timeline=_review_timeline,
)
CLOSURE = RecordKind(
    name="closure",
    model=Closure,
    scopes=worked_only(),
    label="päättäminen",
    title=_("Asiakkuuden päättäminen"),
    topic=hooks.CASE,
    timeline=_closure_timeline,
)
REMINDER = RecordKind(
    name="reminder",
    model=Reminder,
    scopes={Right.READ: lambda actor: Q(pk__in=Reminder.objects.for_user(actor).values("pk"))},
    label="muistutus",
    title=_("Muistutukset"),
    not_exported=("matched_at",),
    order_by=("due_on", "pk"),
)

catalogue.declare(EVALUATION, CAPACITY, REVIEW, CLOSURE, REMINDER)

"""The gates of follow-up records.

Evaluations and capacity self-assessments are written and read by the organiser's
social worker (the case: Right.WORK) and by the supervisor of the placement's site
(Right.SUPERVISE), for their own placed clients only; reviews and closures are the
social worker's."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from clients.access import access_log, case_gate, cases, get_or_404, record_gate
from clients.models import AccessAction, Case
from core.access import AccessMeta, Right, as_pk
from placements.access import placement_gate
from placements.models import Placement

from .models import CapacityAssessment, Closure, Evaluation, Reminder, Review


def _with_placements(model, actor: User) -> QuerySet:
    return model.objects.filter(
        Q(case__in=cases(actor, Right.WORK))
        | Q(placement__in=Placement.objects.supervised_by(actor))
    )


def evaluations(actor: User) -> QuerySet[Evaluation]:
    return _with_placements(Evaluation, actor)


def capacity_assessments(actor: User) -> QuerySet[CapacityAssessment]:
    return _with_placements(CapacityAssessment, actor)


def reviews(actor: User) -> QuerySet[Review]:
    return Review.objects.filter(case__in=cases(actor, Right.WORK))


def closures(actor: User) -> QuerySet[Closure]:
    return Closure.objects.filter(case__in=cases(actor, Right.WORK))


def _gate(queryset, actor, pk, *, what, meta, action, label):
    record = get_or_404(queryset.select_related("case__client"), pk)
    access_log(
        user=actor,
        clients=record.case.client,
        action=action,
        what=f"{what} ({label} {record.pk})",
        meta=meta,
    )
    return record


def evaluation_gate(actor, pk, right=Right.READ, *, what, meta=None, action=AccessAction.VIEW):
    return _gate(
        evaluations(actor), actor, pk, what=what, meta=meta, action=action, label="arviointi"
    )


def capacity_gate(actor, pk, right=Right.READ, *, what, meta=None, action=AccessAction.VIEW):
    return _gate(
        capacity_assessments(actor),
        actor,
        pk,
        what=what,
        meta=meta,
        action=action,
        label="itsearvio",
    )


def review_gate(actor, pk, right=Right.WORK, **kwargs) -> Review:
    return record_gate(Review.objects.all(), actor, pk, Right.WORK, **kwargs)


def closure_gate(actor, pk, right=Right.WORK, **kwargs) -> Closure:
    return record_gate(Closure.objects.all(), actor, pk, Right.WORK, **kwargs)


def placement_target(
    actor: User,
    *,
    case_pk=None,
    placement_pk=None,
    what: str,
    meta: AccessMeta | None = None,
    action: str = AccessAction.CHANGE,
) -> tuple[Case, Placement | None]:
    """Where an evaluation or a self-assessment is written: the supervisor through the
    placement at their own site, the social worker through the case (and a placement of
    that case). Anything else is 404; one log row."""
    if (
        placement_pk is not None
        and Placement.objects.supervised_by(actor).filter(pk=as_pk(placement_pk)).exists()
    ):
        placement = placement_gate(
            actor, placement_pk, Right.SUPERVISE, what=what, meta=meta, action=action
        )
        if case_pk is not None and as_pk(case_pk) != placement.case_id:
            raise Http404
        return placement.case, placement
    if case_pk is None:
        raise Http404
    case = case_gate(actor, case_pk, Right.WORK, what=what, meta=meta, action=action)
    placement = None
    if placement_pk is not None:
        placement = get_or_404(case.placements.all(), placement_pk)
    return case, placement


def reminders_of(actor: User) -> QuerySet[Reminder]:
    """The actor's own reminders, of clients the actor may still see."""
    return Reminder.objects.for_user(actor)


def reminder_gate(actor, pk, right=Right.READ, *, what, meta=None, action=AccessAction.CHANGE):
    return _gate(
        reminders_of(actor), actor, pk, what=what, meta=meta, action=action, label="muistutus"
    )

"""The gates of follow-up records.

Evaluations and capacity self-assessments are written and read by the organiser's
social worker (the case: Right.WORK) and by the supervisor of the placement's site
(Right.SUPERVISE), for their own placed clients only; reviews and closures are the
social worker's."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from clients.access import case_gate, gate, get_or_404
from clients.models import AccessAction, Case
from core.access import AccessMeta, Right, as_pk
from placements.access import placement_gate
from placements.models import Placement

from .models import CapacityAssessment, Closure, Evaluation, Reminder, Review
from .records import CAPACITY, CLOSURE, EVALUATION, REMINDER, REVIEW


def evaluations(actor: User, right: Right = Right.READ) -> QuerySet[Evaluation]:
    return EVALUATION.in_reach(actor, right)


def capacity_assessments(actor: User, right: Right = Right.READ) -> QuerySet[CapacityAssessment]:
    return CAPACITY.in_reach(actor, right)


def reviews(actor: User) -> QuerySet[Review]:
    return REVIEW.in_reach(actor, Right.WORK)


def closures(actor: User) -> QuerySet[Closure]:
    return CLOSURE.in_reach(actor, Right.WORK)


def evaluation_gate(actor: User, pk, right: Right = Right.READ, **kwargs) -> Evaluation:
    return gate(actor, EVALUATION, pk, right=right, **kwargs)


def capacity_gate(actor: User, pk, right: Right = Right.READ, **kwargs) -> CapacityAssessment:
    return gate(actor, CAPACITY, pk, right=right, **kwargs)


def review_gate(actor: User, pk, right: Right = Right.WORK, **kwargs) -> Review:
    return gate(actor, REVIEW, pk, right=right, **kwargs)


def closure_gate(actor: User, pk, right: Right = Right.WORK, **kwargs) -> Closure:
    return gate(actor, CLOSURE, pk, right=right, **kwargs)


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


def reminder_gate(
    actor: User, pk, right: Right = Right.READ, *, action: str = AccessAction.CHANGE, **kwargs
) -> Reminder:
    return gate(actor, REMINDER, pk, right=right, action=action, **kwargs)

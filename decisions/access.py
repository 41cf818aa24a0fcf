"""The gate of decisions: only the organiser's social workers reach them (Right.WORK)."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from clients.access import cases, record_gate
from clients.models import AccessAction
from core.access import AccessMeta, Right

from .models import Decision


def decisions(actor: User, right: Right = Right.WORK) -> QuerySet[Decision]:
    """Decisions are the organiser's: the employment authority and supervisors see none
    (the supervisor gets the placement notice)."""
    if right != Right.WORK:
        return Decision.objects.none()
    return Decision.objects.filter(case__in=cases(actor, right))


def decision_gate(
    actor: User,
    pk,
    right: Right = Right.WORK,
    *,
    what: str,
    meta: AccessMeta | None = None,
    action: str = AccessAction.VIEW,
    case_pk=None,
) -> Decision:
    base = Decision.objects.all() if right == Right.WORK else Decision.objects.none()
    queryset = base.select_related(
        "case__client__home_municipality",
        "case__municipality",
        "case__responsible_worker",
        "site__organization",
        "contact_person",
        "decision_maker",
        "replaces",
        "notification",
    )
    return record_gate(
        queryset,
        actor,
        pk,
        right,
        what=what,
        meta=meta,
        action=action,
        case_pk=case_pk,
    )

"""The plans' gates: the catalogue's one gate (clients.access.gate) for the plans' kinds.

The employment authority reads, co-writes and signs a plan of a case shared with it by
consent (Right.CO_SIGN); renewing and interrupting a plan, and recording assessments,
are the organiser's social work (Right.WORK). The rights are declared in records.py."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from clients.access import gate
from core.access import Right

from .models import ActivationPlan, Assessment, Party
from .records import ACTIVATION_PLAN


def plans(actor: User, right: Right) -> QuerySet[ActivationPlan]:
    return ACTIVATION_PLAN.in_reach(actor, right)


def to_sign_ids(actor: User) -> QuerySet:
    """The ids of the drafts awaiting the employment authority's signature in the
    actor's scope, newest first: slice it for a page, then read the rows with `rows`."""
    return (
        plans(actor, Right.CO_SIGN)
        .awaiting_signature_of(Party.EMPLOYMENT_AUTHORITY)
        .order_by("-updated_at", "-pk")
        .values("pk")
    )


def rows(ids) -> list[ActivationPlan]:
    """A page of plans by a sliced id query, with what a list shows, in one query: the
    joins run for the rows shown, not for the whole queue (issue 15: PostgreSQL joined
    the client and case of all 3 200 drafts of a national TE office's queue, then sorted)."""
    return list(
        ActivationPlan.objects.filter(pk__in=ids)
        .select_related("case__client", "case__municipality", "plan_type")
        .order_by("-updated_at", "-pk")
    )


def plan_gate(actor: User, pk, right: Right, **kwargs) -> ActivationPlan:
    """The plan if the actor has the right to it (within the case in the URL), else 404."""
    return gate(actor, ACTIVATION_PLAN, pk, right=right, **kwargs)


def assessment_gate(actor: User, pk, right: Right, **kwargs) -> Assessment:
    return gate(actor, "assessment", pk, right=right, **kwargs)

"""The gate of plans: the same scope and log as the case's, with the plans' own rights.

The employment authority reads, co-writes and signs a plan of a case shared with it by
consent (Right.CO_SIGN); renewing and interrupting a plan, and recording assessments,
are the organiser's social work (Right.WORK)."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from clients.access import cases, get_or_404, record_gate, record_reads
from clients.models import AccessAction
from core.access import AccessMeta, Right, as_pk

from .models import ActivationPlan, Assessment, Party


def plans(actor: User, right: Right) -> QuerySet[ActivationPlan]:
    return ActivationPlan.objects.filter(case__in=cases(actor, right))


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


def plan_gate(
    actor: User,
    pk,
    right: Right,
    *,
    what: str,
    meta: AccessMeta | None = None,
    action: str = AccessAction.VIEW,
    case_pk=None,
) -> ActivationPlan:
    """The plan if the actor has the right to it (within the case in the URL), else 404."""
    scoped = plans(actor, right).select_related(
        "case__client__home_municipality",
        "case__municipality",
        "case__responsible_worker",
        "plan_type",
        "previous",
    )
    if case_pk is not None:
        scoped = scoped.filter(case_id=as_pk(case_pk))
    plan = get_or_404(scoped, pk)
    record_reads(
        user=actor,
        cases=[plan.case],
        action=action,
        what=f"{what} (suunnitelma {plan.pk})",
        meta=meta,
    )
    return plan


def assessment_gate(actor: User, pk, right: Right, **kwargs) -> Assessment:
    return record_gate(Assessment.objects.all(), actor, pk, right, **kwargs)

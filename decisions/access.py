"""The decisions' gate: the catalogue's one gate for decisions, which only the
organiser's social workers reach (Right.WORK; declared in records.py)."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from clients.access import gate
from core.access import Right

from .models import Decision
from .records import DECISION


def decisions(actor: User, right: Right = Right.WORK) -> QuerySet[Decision]:
    """Decisions are the organiser's: the employment authority and supervisors see none
    (the supervisor gets the placement notice)."""
    return DECISION.in_reach(actor, right)


def decision_gate(actor: User, pk, right: Right = Right.WORK, **kwargs) -> Decision:
    return gate(actor, DECISION, pk, right=right, **kwargs)

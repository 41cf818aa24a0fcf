"""The decisions' records, declared once (core.records). Decisions are the organiser's:
only its social work reaches them (the supervisor gets the placement notice)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from clients.records import worked
from core import hooks
from core.access import Right
from core.records import RecordKind, catalogue

from .models import Decision, Notification

DECISION = RecordKind(
    name="decision",
    model=Decision,
    client_path="case__client",
    case_path="case",
    scopes={Right.WORK: worked("case_id")},
    label="päätös",
    title=_("Päätökset"),
    topic=hooks.DECISION,
    children=("coaches",),
    select_related=(
        "case__client__home_municipality",
        "case__municipality",
        "case__responsible_worker",
        "site__organization",
        "contact_person",
        "decision_maker",
        "replaces",
        "notification",
    ),
    order_by=("created_at", "pk"),
)
NOTIFICATION = RecordKind(
    name="notification",
    model=Notification,
    client_path="decision__case__client",
    case_path="decision__case",
    scopes={Right.WORK: worked("decision__case_id")},
    label="tiedoksianto",
    title=_("Päätösten tiedoksiannot"),
    topic=hooks.DECISION,
    order_by=("sent_on", "pk"),
)

catalogue.declare(DECISION, NOTIFICATION)

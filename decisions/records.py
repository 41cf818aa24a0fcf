"""The decisions' records, declared once (core.records). Decisions are the organiser's:
only its social work reaches them (the supervisor gets the placement notice)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from clients.records import worked
from core import hooks
from core.access import Right
from core.records import RecordKind, TimelineEntry, catalogue

from .models import Decision, Notification


def _url(decision: Decision) -> str:
    return reverse("decisions:decision_detail", args=[decision.case_id, decision.pk])


def _decision_timeline(decision: Decision):
    if decision.decided_on:
        yield TimelineEntry(
            decision.decided_on,
            url=_url(decision),
            title=__("Päätös %(number)s tehty: %(outcome)s")
            % {"number": decision.number or decision.pk, "outcome": decision.get_outcome_display()},
        )


def _notification_timeline(notification: Notification):
    decision = notification.decision
    yield TimelineEntry(
        notification.sent_on,
        url=_url(decision),
        title=__("Päätös %(number)s annettu tiedoksi (%(method)s)")
        % {"number": decision.number or decision.pk, "method": notification.get_method_display()},
    )


DECISION = RecordKind(
    name="decision",
    model=Decision,
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
    timeline=_decision_timeline,
    timeline_related=("site", "notification"),
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
    timeline=_notification_timeline,
    timeline_related=("decision",),
)

catalogue.declare(DECISION, NOTIFICATION)

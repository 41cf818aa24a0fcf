from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import CaseRecords, NextAction, case_page_provider
from clients.models import Case, Phase

from .models import DecisionStatus


@case_page_provider
def decisions_context(
    request: HttpRequest, case: Case, works_on: bool, records: CaseRecords
) -> dict:
    """The decisions' panel (their timeline entries come from the catalogue's kinds)."""
    if not works_on:
        return {}
    decisions = records["decision"]
    return {
        "decisions": decisions,
        "sections": ["decisions/_case_section.html"],
        "next_actions": _next_actions(case, decisions) if case.is_open() else [],
    }


def _next_actions(case: Case, decisions: list) -> list[NextAction]:
    """Prepare the decision, make it after checking it, notify the client."""
    draft = next((d for d in decisions if d.status == DecisionStatus.DRAFT), None)
    if draft is not None:
        url = reverse("decisions:decision_confirm", args=[case.pk, draft.pk])
        return [NextAction(Phase.DECISION, url, _("Tarkista ja tee päätös"))]
    unnotified = next((d for d in decisions if d.status == DecisionStatus.MADE), None)
    if unnotified is not None:
        url = reverse("decisions:decision_detail", args=[case.pk, unnotified.pk])
        return [NextAction(Phase.DECISION, url, _("Kirjaa päätöksen tiedoksianto"))]
    if not decisions:
        url = reverse("decisions:decision_create", args=[case.pk])
        return [NextAction(Phase.DECISION, url, _("Valmistele päätös"))]
    return []

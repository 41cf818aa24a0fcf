from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import CaseRecords, NextAction, case_page_provider
from clients.models import Case, Phase
from decisions.models import LIVE_STATUSES

from .services import participation_counts


@case_page_provider
def placements_context(
    request: HttpRequest, case: Case, works_on: bool, records: CaseRecords
) -> dict:
    """The social worker sees the placement's counts on the case; the attendance and
    the diary are on the timeline (the catalogue's attendance kind)."""
    if not works_on:
        return {}
    placements = records["placement"]
    for placement in placements:
        placement.counts = participation_counts(placement)
    return {
        "placements": placements,
        "sections": ["placements/_case_section.html"],
        "next_actions": _next_actions(case, records) if case.is_open() else [],
    }


def _next_actions(case: Case, records: CaseRecords) -> list[NextAction]:
    """A positive decision made and no notice yet: tell the site."""
    noticed = {placement.decision_id for placement in records["placement"]}
    for decision in records["decision"]:
        live = decision.status in LIVE_STATUSES and decision.is_positive()
        if live and decision.pk not in noticed:
            url = reverse("placements:notice_send", args=[case.pk, decision.pk])
            label = _("Laadi ja lähetä ilmoitus toteutuspaikalle")
            return [NextAction(Phase.DECISION, url, label)]
    return []

"""The case page's benefits section and the notice of a rule change ahead (issue 26)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.case_page import CaseRecords, WorkLink, case_page_provider
from clients.models import Case
from rulesets.engine import region_of
from rulesets.views import upcoming_changes


@case_page_provider
def benefits_context(
    request: HttpRequest, case: Case, works_on: bool, records: CaseRecords
) -> dict:
    """The client's benefits by period and the rule changes ahead for the case's region:
    the worker sees them before the change applies to the case's next plan or decision."""
    if not works_on:
        return {}
    benefits = records["client_benefit"]
    context = {
        "benefits": benefits,
        "rule_changes_ahead": upcoming_changes(region_of(case.municipality), timezone.localdate()),
        "sections": ["plans/_benefits_section.html"],
    }
    if case.is_open():
        context["work_links"] = [
            WorkLink(
                reverse("plans:benefit_create", args=[case.pk]),
                _("Kirjaa etuus"),
                len(benefits or []),
            )
        ]
    return context

from django.http import HttpRequest

from clients.case_page import case_page_provider
from clients.models import Case


@case_page_provider
def decisions_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    """The decisions' panel (their timeline entries come from the catalogue's kinds)."""
    if not works_on:
        return {}
    return {
        "decisions": list(case.decisions.select_related("site", "notification")),
        "sections": ["decisions/_case_section.html"],
    }

from django.http import HttpRequest

from clients.case_page import CaseRecords, case_page_provider
from clients.models import Case


@case_page_provider
def decisions_context(
    request: HttpRequest, case: Case, works_on: bool, records: CaseRecords
) -> dict:
    """The decisions' panel (their timeline entries come from the catalogue's kinds)."""
    if not works_on:
        return {}
    return {
        "decisions": records["decision"],
        "sections": ["decisions/_case_section.html"],
    }

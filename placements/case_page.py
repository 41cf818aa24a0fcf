from django.http import HttpRequest

from clients.case_page import CaseRecords, case_page_provider
from clients.models import Case

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
    return {"placements": placements, "sections": ["placements/_case_section.html"]}

from django.http import HttpRequest

from clients.case_page import CaseRecords, case_page_provider
from clients.models import Case

from .models import ArchiveDocument, MessageOutbox, OutboxState


@case_page_provider
def national_context(
    request: HttpRequest, case: Case, works_on: bool, records: CaseRecords
) -> dict:
    """What the case has handed to national services and what still waits: two queries."""
    if not works_on:
        return {}
    messages = list(
        MessageOutbox.objects.filter(decision__case=case).select_related("decision").order_by("pk")
    )
    archive = list(
        ArchiveDocument.objects.filter(case=case)
        .exclude(state=OutboxState.DELIVERED)
        .only("kind", "record_id", "state", "attempts", "last_error", "metadata")
        .order_by("pk")
    )
    if not messages and not archive:
        return {}
    return {
        "suomifi_messages": messages,
        "archive_pending": archive,
        "sections": ["national/_case_section.html"],
    }

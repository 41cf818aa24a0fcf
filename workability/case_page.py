"""What the work-ability path adds to the case page: the path (or the referral to the
team) in the work panel, and the check of the region's integration criteria."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import CaseRecords, WorkLink, case_page_provider
from clients.models import Case


@case_page_provider
def workability_context(
    request: HttpRequest, case: Case, works_on: bool, records: CaseRecords
) -> dict:
    if not works_on:
        return {}
    open_path = next((p for p in records.get("support_path") or () if p.is_open()), None)
    if open_path is not None:
        link = WorkLink(
            reverse("workability:path_detail", args=[open_path.pk]), _("Työkyvyn tuen polku")
        )
    else:
        link = WorkLink(
            reverse("workability:path_open", args=[case.client_id]),
            _("Lähete tai konsultaatio työkykytiimiin"),
        )
    return {"work_links": [link], "work_forms": ["workability/_evaluate_form.html"]}

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import TimelineEntry, case_page_provider
from clients.models import Case

from .models import Attendance, AttendanceStatus
from .services import participation_counts


@case_page_provider
def placements_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    """The social worker sees the placement's counts, attendance and diary on the case."""
    if not works_on:
        return {}
    placements = list(case.placements.select_related("site"))
    marks = Attendance.objects.filter(placement__in=placements).select_related("placement")
    timeline = []
    for placement in placements:
        url = reverse("placements:placement_detail", args=[placement.pk])
        placement.counts = participation_counts(placement)
        timeline.append(
            TimelineEntry(
                placement.notice_sent_on,
                url=url,
                title=_("Ilmoitus toteutuspaikalle: %(site)s") % {"site": placement.site.name},
            )
        )
    for mark in marks:
        title = mark.get_status_display()
        if mark.status == AttendanceStatus.ABSENT:
            title += f" ({mark.get_absence_reason_display()})"
        elif mark.status == AttendanceStatus.PRESENT:
            title += f" {mark.hours} h"
        timeline.append(TimelineEntry(mark.day, title=title, detail=mark.diary))
    return {
        "placements": placements,
        "timeline": timeline,
        "sections": ["placements/_case_section.html"],
    }

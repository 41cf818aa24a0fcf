"""The placements' records, declared once (core.records). A supervisor reaches a
placement at their own sites while its decision is live, and only what the placement
notice shared (Right.READ, Right.SUPERVISE); the organiser's social worker reads the
placements of their cases (Right.READ) but does not act as supervisor."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from core import hooks
from core.access import Right
from core.records import RecordKind, TimelineEntry, catalogue

from .models import AbsenceNotice, Attendance, AttendanceStatus, Placement


def _placement_timeline(placement: Placement):
    yield TimelineEntry(
        placement.notice_sent_on,
        url=reverse("placements:placement_detail", args=[placement.pk]),
        title=__("Ilmoitus toteutuspaikalle: %(site)s") % {"site": placement.site.name},
    )


def _attendance_timeline(mark: Attendance):
    title = mark.get_status_display()
    if mark.status == AttendanceStatus.ABSENT:
        title += f" ({mark.get_absence_reason_display()})"
    elif mark.status == AttendanceStatus.PRESENT:
        title += f" {mark.hours} h"
    yield TimelineEntry(mark.day, title=title, detail=mark.diary)


def _placements(path: str, right: Right):
    def scope(actor) -> Q:
        placements = (
            Placement.objects.supervised_by(actor)
            if right == Right.SUPERVISE
            else Placement.objects.visible_to(actor)
        )
        return Q(**{f"{path}__in": placements.values("pk")})

    return scope


def of_placements(path: str) -> dict:
    return {
        Right.READ: _placements(path, Right.READ),
        Right.SUPERVISE: _placements(path, Right.SUPERVISE),
    }


PLACEMENT = RecordKind(
    name="placement",
    model=Placement,
    scopes=of_placements("pk"),
    label="työtoimintajakso",
    title=_("Työtoimintajaksot"),
    topic=hooks.DECISION,
    select_related=("site__organization", "decision"),
    order_by=("start_on", "pk"),
    timeline=_placement_timeline,
    timeline_related=("site",),
)
ATTENDANCE = RecordKind(
    name="attendance",
    model=Attendance,
    client_path="placement__case__client",
    case_path="placement__case",
    scopes=of_placements("placement_id"),
    label="läsnäolo",
    title=_("Läsnäolot ja työpäiväkirja"),
    topic=hooks.ATTENDANCE,
    order_by=("day", "pk"),
    timeline=_attendance_timeline,
)
ABSENCE_NOTICE = RecordKind(
    name="absence_notice",
    model=AbsenceNotice,
    client_path="placement__case__client",
    case_path="placement__case",
    scopes=of_placements("placement_id"),
    label="poissaoloilmoitus",
    title=_("Poissaoloilmoitukset Kelalle (TT3)"),
    topic=hooks.ABSENCE_NOTICE,
    order_by=("period_start", "pk"),
)

catalogue.declare(PLACEMENT, ATTENDANCE, ABSENCE_NOTICE)

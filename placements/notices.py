"""The benefit route: from the attendance marks, the right absence notice per client and
period (issue 26).

Sources (public, December 2026): kela.fi "Poissaoloista ilmoitetaan"
(https://www.kela.fi/ilmoita-poissaoloista): the organiser reports absences to Kela on
form TT3 "Ilmoitus poissaolosta", one form per client, at least every two weeks, by post
to Kela, PL 10, 00056 KELA; a fund member's absences go to the fund (TYJ's form
"Ilmoitus poissaolosta"); absences that may lead to interrupting the service are also
reported to the employment authority (formerly on TE form TEM6.91). Kela's form list
("Ilmoitus poissaolosta TT 3 ... Tarkastelujakso on kaksi viikkoa") fixes the period;
te-palvelut.fi (2.3.2015): only days the person should have attended are reported.

Periods are fixed fortnights counted from Monday 1.1.2001, the same for every client, so
a site's "notices of this fortnight" are one batch and one reminder.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, Site, User
from core import hooks
from decisions.models import Decision
from decisions.services import on_decision_made
from plans.models import ClientBenefit

from .models import (
    NOTICE_PERIOD_MAX_DAYS,
    AbsenceNotice,
    Attendance,
    AttendanceStatus,
    NoticeKind,
    Placement,
)
from .services import KEEPS_BENEFIT, no_service_days

EPOCH = datetime.date(2001, 1, 1)  # a Monday
KELA_ADDRESS = "Kela, PL 10, 00056 KELA"
# Absences without a reason that keeps the benefit, in one fortnight, from which the
# organiser drafts a report to the employment authority (a regional practice: the Act
# leaves the threshold to the organiser; tell the client first).
INTERRUPTION_RISK_DAYS = 3
KELA_BENEFITS = {"labour_market_subsidy", "basic_allowance"}


def fortnight_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The fortnight (Monday to Sunday two weeks later) that holds the day."""
    start = EPOCH + datetime.timedelta(days=(day - EPOCH).days // 14 * 14)
    return start, start + datetime.timedelta(days=NOTICE_PERIOD_MAX_DAYS - 1)


def last_complete_fortnight(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    start, _end = fortnight_of(today)
    return fortnight_of(start - datetime.timedelta(days=1))


@dataclass
class Notice:
    """One notice to produce: the form's fields come from these and the placement."""

    placement: Placement
    kind: str
    recipient: str
    start: datetime.date
    end: datetime.date
    rows: list[dict]
    benefits: list[ClientBenefit] = field(default_factory=list)
    saved: AbsenceNotice | None = None

    @property
    def absences(self) -> list[dict]:
        return [row for row in self.rows if row["kind"] == "absent"]

    @property
    def status(self) -> str:
        return self.saved.status if self.saved else "draft"

    def kind_label(self) -> str:
        return str(NoticeKind(self.kind).label)


def _employment_authority(placement: Placement) -> Organization | None:
    """The authority of the case's latest employment plan (prefetched newest first)."""
    plans = list(placement.case.employment_plans.all())
    return plans[0].employment_authority if plans else None


def _kinds(placement: Placement, benefits: list[ClientBenefit], rows: list[dict]):
    """(kind, recipient) of each notice the client's benefits and absences call for."""
    kinds = {b.kind for b in benefits}
    found = []
    funds = sorted({b.fund for b in benefits if b.kind == "earnings_related"})
    for fund in funds:
        found.append((NoticeKind.FUND, fund))
    if kinds & KELA_BENEFITS or not kinds:  # no benefit recorded: Kela pays most clients
        found.append((NoticeKind.KELA_TT3, KELA_ADDRESS))
    unexplained = [r for r in rows if r["kind"] == "absent" and not r["keeps_benefit"]]
    if len(unexplained) >= INTERRUPTION_RISK_DAYS:
        authority = _employment_authority(placement)
        found.append((NoticeKind.EMPLOYMENT_AUTHORITY, authority.name if authority else ""))
    return found


def _rows(placement: Placement, first, last, marks: dict, closed: dict) -> list[dict]:
    """The days to report (tt3_rows' rule over marks read once for the whole site): the
    scheduled days with an absence, and the days no service was held."""
    rows = []
    scheduled = {d for d in closed if d.isoweekday() in placement.weekdays}
    for day in sorted(set(marks) | scheduled):
        if not first <= day <= last:
            continue
        mark = marks.get(day)
        if mark and mark.status == AttendanceStatus.ABSENT:
            rows.append(
                {
                    "day": day,
                    "kind": "absent",
                    "reason": mark.get_absence_reason_display(),
                    "keeps_benefit": mark.absence_reason in KEEPS_BENEFIT,
                }
            )
        elif day in scheduled or mark:
            reason = closed.get(day, _("Ei toimintaa"))
            rows.append({"day": day, "kind": "no_service", "reason": reason, "keeps_benefit": True})
    return rows


def site_notices(placements: list[Placement], start: datetime.date) -> list[Notice]:
    """Every notice of the fortnight from `start` for the site's placements."""
    end = start + datetime.timedelta(days=NOTICE_PERIOD_MAX_DAYS - 1)
    placements = [p for p in placements if p.start_on <= end and p.end_on >= start]
    benefits: dict[int, list[ClientBenefit]] = {}
    for benefit in ClientBenefit.objects.filter(
        case__in=[p.case_id for p in placements]
    ).overlapping(start, end):
        benefits.setdefault(benefit.case_id, []).append(benefit)
    saved = {
        (n.placement_id, n.kind): n
        for n in AbsenceNotice.objects.filter(placement__in=placements, period_start__gte=start)
        .filter(period_start__lte=end)
        .select_related("sent_by")
    }
    marks: dict[int, dict] = {}
    for mark in Attendance.objects.filter(
        placement__in=placements, day__range=(start, end)
    ).exclude(status=AttendanceStatus.PRESENT):
        marks.setdefault(mark.placement_id, {})[mark.day] = mark
    closed = {site: no_service_days(site, start, end) for site in {p.site for p in placements}}
    notices = []
    for placement in placements:
        first, last = max(start, placement.start_on), min(end, placement.end_on)
        rows = _rows(placement, first, last, marks.get(placement.pk, {}), closed[placement.site])
        own = benefits.get(placement.case_id, [])
        for kind, recipient in _kinds(placement, own, rows):
            notices.append(
                Notice(
                    placement,
                    kind,
                    recipient,
                    first,
                    last,
                    rows,
                    own,
                    saved.get((placement.pk, kind)),
                )
            )
    return notices


def _case_ids(notices: list[Notice]) -> list[int]:
    return sorted({n.placement.case_id for n in notices})


@hooks.changes(hooks.ABSENCE_NOTICE, cases=lambda _saved, notices, **_: _case_ids(notices))
def notices_mark_sent(*, user: User, notices: list[Notice]) -> list[AbsenceNotice]:
    """The fortnight's notices sent: one row each, sent today by the user (a rerun keeps
    the first sending)."""
    today = timezone.localdate()
    saved = []
    for notice in notices:
        row, _created = AbsenceNotice.objects.get_or_create(
            placement=notice.placement,
            period_start=notice.start,
            kind=notice.kind,
            defaults={"period_end": notice.end, "recipient": notice.recipient},
        )
        if row.sent_on is None:
            row.sent_on, row.sent_by = today, user
            row.save(update_fields=["sent_on", "sent_by"])
        saved.append(row)
    return saved


@hooks.changes(hooks.ABSENCE_NOTICE, cases=lambda _notice, notice, **_: [notice.placement.case_id])
def notice_undo_sent(*, user: User, notice: AbsenceNotice) -> AbsenceNotice:
    """Marked sent by mistake: back to not sent (the history of the row keeps who)."""
    notice = AbsenceNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.sent_on is None:
        raise ValidationError(_("Ilmoitusta ei ole merkitty lähetetyksi."))
    notice.sent_on, notice.sent_by = None, None
    notice.save(update_fields=["sent_on", "sent_by"])
    return notice


def sender_of(user: User, site: Site) -> dict:
    """The sender's details printed on the form."""
    return {
        "name": user.get_full_name() or user.username,
        "organization": site.organization,
        "email": user.email or site.organization.email,
        "phone": site.organization.phone,
    }


# the decision's allowance kind → the benefit it grants
GRANTED = {"kulukorvaus": "expense_compensation", "toimintaraha": "activity_allowance"}


@on_decision_made
def record_granted_benefits(decision: Decision, user: User) -> None:
    """A positive decision grants the expense compensation (or activity allowance) and the
    travel costs for its period: recorded as the client's benefits, naming the decision."""
    if decision.is_ending() or not decision.is_positive() or not decision.start_on:
        return
    kinds = [GRANTED.get(decision.allowance_kind, "expense_compensation")]
    if decision.travel_compensation.strip():
        kinds.append("travel_costs")
    for kind in kinds:
        ClientBenefit.objects.get_or_create(
            case_id=decision.case_id,
            kind=kind,
            granted_by=decision,
            defaults={
                "start_on": decision.start_on,
                "end_on": decision.end_on,
                "recorded_by": user,
            },
        )

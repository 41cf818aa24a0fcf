from __future__ import annotations

import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SUPERVISED_SITE_IDS_SQL, Site, User
from accounts.services import site_entry_touch
from clients.access import access_log
from clients.lifecycle import case_advance
from clients.models import AccessAction, DisclosureLog, Phase
from core import hooks, law, text
from core.access import AccessMeta
from core.pdf import render_pdf
from decisions.models import LIVE_STATUSES, Decision
from decisions.services import on_decision_made

from .models import (
    AbsenceNotice,
    AbsenceReason,
    Attendance,
    AttendanceStatus,
    Placement,
    SiteClosure,
)

NOTICE_LEGAL_BASIS = (
    "Palvelun toteuttaminen järjestäjän puolesta: toteutuspaikalle annetaan vain palvelun "
    "toteuttamiseksi välttämättömät tiedot (laki sosiaalihuollon asiakkaan asemasta ja "
    "oikeuksista 812/2000; asiakastietolaki 703/2023)."
)


def default_contacts(decision: Decision) -> str:
    case = decision.case
    lines = [
        _("Omatyöntekijä: %(name)s, %(email)s")
        % {"name": case.responsible_worker.get_full_name(), "email": case.responsible_worker.email},
        _("Päätöksen yhteyshenkilö: %(name)s %(phone)s")
        % {"name": decision.contact_person.get_full_name(), "phone": decision.contact_phone},
    ]
    lines += [f"{coach.get_kind_display()}: {coach.name}" for coach in decision.coaches.all()]
    return "\n".join(lines)


@hooks.changes(hooks.DECISION)
def placement_notice_send(
    *,
    user: User,
    decision: Decision,
    goals: str,
    client_info: str,
    contacts: str,
    sent_on: datetime.date | None = None,
) -> Placement:
    """Tell the placement what it needs, and nothing more; this creates the placement."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("case__client", "site")
        .get(pk=decision.pk)
    )
    if decision.status not in LIVE_STATUSES or not decision.is_positive():
        raise ValidationError(_("Ilmoituksen voi lähettää vain tehdystä myönteisestä päätöksestä."))
    if hasattr(decision, "placement"):
        raise ValidationError(_("Ilmoitus on jo lähetetty."))
    if not goals.strip():
        raise ValidationError({"goals": _("Kirjaa tavoitteet toteutuspaikalle.")})
    client = decision.case.client
    placement = Placement(
        decision=decision,
        case=decision.case,
        site=decision.site,
        client_name=client.full_name,  # one name order: Client.full_name (issue 27)
        client_info=client_info,
        start_on=decision.start_on,
        end_on=decision.end_on,
        weekdays=decision.weekdays,
        hours_per_day=decision.hours_per_day,
        goals=goals,
        contacts=contacts,
        notice_sent_on=sent_on or timezone.localdate(),
        notice_sent_by=user,
    )
    placement.full_clean()
    placement.save()
    if placement.start_on <= timezone.localdate():
        case_advance(
            case=placement.case, to=Phase.IN_SERVICE, by=user, reason=_("Työtoiminta alkoi")
        )
    pdf = render_pdf("placements/notice_pdf.html", {"placement": placement})
    placement.notice_pdf.save(f"ilmoitus-{placement.pk}.pdf", ContentFile(pdf), save=True)
    shared = _("Ilmoitus toteutuspaikalle: nimi, jakso, aikataulu, tavoitteet, yhteyshenkilöt")
    if client_info.strip():
        shared += _(" ja sovitut asiakastiedot")
    DisclosureLog.objects.create(
        client=client,
        recipient=decision.site.organization,
        data=shared,
        legal_basis=NOTICE_LEGAL_BASIS,
        disclosed_by=user,
    )
    return placement


def directory_search(criteria: dict):
    """Sites matching the directory's search and filters, with their free places today."""
    today = timezone.localdate()
    # today's placements on live decisions, counted per site
    held = (
        Placement.objects.filter(
            end_on__gte=today, start_on__lte=today, decision__status__in=LIVE_STATUSES
        )
        .order_by()
        .values("site")
        .annotate(n=Count("pk"))
    )
    # Free places from the current placements only, one indexed count per site shown
    # (placement_site_current); issue 15: grouping every placement and decision ever
    # made took 147–221 ms a search at national scale.
    current = held.filter(site=OuterRef("pk")).values("n")
    sites = (
        Site.objects.active()
        .with_entry_staleness()
        .select_related("organization", "municipality")
        # one expression: `free` over an `occupied` annotation copied its sub-query,
        # which PostgreSQL then ran twice for every site (issue 30)
        .annotate(free=Greatest(F("capacity") - Coalesce(Subquery(current), 0), 0))
    )
    sites = sites.search(criteria["q"]) if criteria.get("q") else sites.order_by("name")
    if criteria.get("municipality"):
        sites = sites.filter(municipality=criteria["municipality"])
    if criteria.get("kind_of_work"):
        sites = sites.filter(search_document__icontains=criteria["kind_of_work"].lower())
    if criteria.get("language"):
        sites = sites.filter(languages__contains=[criteria["language"]])
    if criteria.get("accessible"):
        sites = sites.filter(wheelchair_accessible=True)
    if criteria.get("start_activity"):
        sites = sites.filter(start_activity=True)
    if criteria.get("free_places"):
        # The full sites in one grouped pass over today's placements (~22 ms at national
        # scale), not the per-site count evaluated for every site in both the page's count
        # and its rows (2 × 38 ms; issue 15). Read here, once, as a list (a subquery would
        # run again in the count and in the rows). The per-site count stays for the rows.
        full = held.filter(n__gte=F("site__capacity")).values_list("site", flat=True)
        sites = sites.exclude(pk__in=list(full))
    return sites


def no_service_days(site: Site, start: datetime.date, end: datetime.date) -> dict:
    """Public holidays (the `holidays` package) and the site's closures, with reasons."""
    days = law.public_holidays(start, end)
    days.update(site.closures.filter(day__range=(start, end)).values_list("day", "reason"))
    return days


def week_unrecorded(placements, today: datetime.date) -> dict[int, int]:
    """Per site: this week's scheduled days so far (Monday to today) that have no mark yet,
    public holidays and closures not counted. Two queries whatever the group's size."""
    monday = today - datetime.timedelta(days=today.weekday())
    marked = set(
        Attendance.objects.filter(placement__in=placements, day__range=(monday, today)).values_list(
            "placement_id", "day"
        )
    )
    closed = set(
        SiteClosure.objects.filter(
            site__in={p.site_id for p in placements}, day__range=(monday, today)
        ).values_list("site_id", "day")
    )
    holidays = law.holiday_dates(monday, today)
    counts: dict[int, int] = {}
    for placement in placements:
        day = max(monday, placement.start_on)
        while day <= min(today, placement.end_on):
            scheduled = day.isoweekday() in placement.weekdays
            free = day in holidays or (placement.site_id, day) in closed
            if scheduled and not free and (placement.pk, day) not in marked:
                counts[placement.site_id] = counts.get(placement.site_id, 0) + 1
            day += datetime.timedelta(days=1)
    return counts


def present_days(placement_ids) -> dict[int, list[datetime.date]]:
    """Participation days per client (case) across all their placements."""
    rows = Attendance.objects.filter(
        placement__case__in=Placement.objects.filter(pk__in=placement_ids).values("case"),
        status=AttendanceStatus.PRESENT,
    ).values_list("placement__case_id", "day")
    days: dict[int, list[datetime.date]] = {}
    for case_id, day in rows:
        days.setdefault(case_id, []).append(day)
    return days


# The present days, from the first 12-month window of a span to its end, of the cases
# that could reach the limit within the span (at least `near` days there already): the
# others cannot, so they cost no rows (issue 27: the grid and the save ask it once).
NEAR_LIMIT_SQL = """
SELECT p.case_id, a.placement_id, a.day FROM placements_attendance a
JOIN placements_placement p ON p.id = a.placement_id
WHERE a.status = 'present' AND a.day BETWEEN %(from)s AND %(to)s AND p.case_id IN (
  SELECT p2.case_id FROM placements_attendance a2
  JOIN placements_placement p2 ON p2.id = a2.placement_id
  WHERE p2.case_id = ANY(%(cases)s::bigint[]) AND a2.status = 'present'
    AND a2.day BETWEEN %(from)s AND %(to)s
  GROUP BY p2.case_id HAVING count(DISTINCT a2.day) >= %(near)s)
"""


def over_limit(candidates: list[tuple[int, int, datetime.date]], limit: int) -> set:
    """The (placement, day) of `candidates` — (case, placement, day) about to be marked
    present — that the region's day limit refuses (law.day_fits_limit), earliest days
    first; a candidate replaces a mark of its own (placement, day). One query."""
    if not candidates:
        return set()
    first = min(day for _case, _placement, day in candidates)
    last = max(day for _case, _placement, day in candidates)
    cases = sorted({case for case, _placement, _day in candidates})
    near = limit - ((last - first).days + 1)
    with connection.cursor() as cursor:
        cursor.execute(
            NEAR_LIMIT_SQL,
            {"cases": cases, "from": law.window_start(first), "to": last, "near": near},
        )
        rows = cursor.fetchall()
    replaced = {(placement, day) for _case, placement, day in candidates}
    # a limit smaller than the span: even a case without a mark can reach it
    days: dict[int, set[datetime.date]] = {case: set() for case in cases} if near <= 0 else {}
    for case, placement, day in rows:
        kept = days.setdefault(case, set())
        if (placement, day) not in replaced:
            kept.add(day)
    refused = set()
    for case, placement, day in sorted(candidates, key=lambda c: c[2]):
        if case not in days:
            continue  # far from the limit
        if law.day_fits_limit(days[case], day, limit):
            days[case].add(day)
        else:
            refused.add((placement, day))
    return refused


def attendance_refusal_log(
    *, user: User, site: Site, entries: list[dict], meta: AccessMeta | None = None
) -> None:
    """A refused week names the clients it refuses: their reading is logged (outside
    the rolled-back save)."""
    refused = (
        Placement.objects.supervised_by(user)
        .filter(site=site, pk__in={e["placement"] for e in entries})
        .select_related("case__client")
    )
    access_log(
        user=user,
        clients=[p.case.client for p in refused],
        action=AccessAction.VIEW,
        what=f"läsnäolot {site.name} (ei tallennettu)",
        meta=meta,
    )


# The upsert of a week's marks: one statement over arrays, as the bench's raw floor is
# (issue 15: the ORM's bulk_create built a model object per mark).
ATTENDANCE_UPSERT = """
INSERT INTO placements_attendance (placement_id, day, status, hours, absence_reason, diary,
  recorded_by_id, recorded_at)
SELECT * FROM unnest(%s::bigint[], %s::date[], %s::text[], %s::numeric[], %s::text[],
  %s::text[], %s::bigint[], %s::timestamptz[])
ON CONFLICT (placement_id, day) DO UPDATE SET status = EXCLUDED.status,
  hours = EXCLUDED.hours, absence_reason = EXCLUDED.absence_reason, diary = EXCLUDED.diary,
  recorded_by_id = EXCLUDED.recorded_by_id, recorded_at = EXCLUDED.recorded_at
"""

# After the upsert, per case of the save: its present days in each calendar week of the
# save, and the first day whose 12-month window holds more than the limit
# (law.first_day_over_limit; the window is law.window_start as a RANGE frame). Only the
# weeks and windows the save touched: every earlier save was checked the same way.
# Issue 15, 1.9 → 0.9 ms for 30 clients: a day's Monday by date arithmetic (1.1.1900 was
# a Monday; date_trunc('week') went through timestamptz for every mark), the windows
# counted only for a case whose marks in the whole span exceed the limit (no window of the
# others can), and each placement's weekly allowance compared in Python. A day is counted
# once, even when two placements of the case hold it.
WEEK_CHECK_SQL = f"""
WITH marks AS MATERIALIZED (
  SELECT p.case_id, a.day FROM placements_attendance a
  JOIN placements_placement p ON p.id = a.placement_id
  WHERE p.case_id = ANY(%(cases)s::bigint[]) AND a.status = 'present'
    AND a.day BETWEEN %(from)s AND %(to)s
)
SELECT case_id, day - (day - DATE '1900-01-01') %% 7, count(DISTINCT day), NULL::date
FROM marks WHERE day BETWEEN %(mondays_from)s AND %(mondays_to)s GROUP BY 1, 2
UNION ALL
SELECT case_id, NULL, NULL, min(day) FROM (
  SELECT case_id, day, count(*) OVER (PARTITION BY case_id ORDER BY day
    RANGE BETWEEN {law.WINDOW_PRECEDING_SQL} PRECEDING AND CURRENT ROW) AS n
  FROM (SELECT DISTINCT case_id, day FROM marks WHERE case_id IN (
    SELECT case_id FROM marks GROUP BY case_id HAVING count(*) > %(limit)s)) distinct_days
) windows WHERE n > %(limit)s AND day >= %(first)s GROUP BY case_id
"""  # noqa: S608 - constant fragments of this module and core.law


class _ClosedDays:
    """no_service_days for the week save: the site's closures and the public holidays'
    dates, the holiday's name looked up only for a message (the names are per language)."""

    def __init__(self, site: Site, start: datetime.date, end: datetime.date) -> None:
        with connection.cursor() as cursor:  # plain SQL: ~0.4 ms of ORM per save saved
            cursor.execute(
                "SELECT day, reason FROM placements_siteclosure "
                "WHERE site_id = %s AND day BETWEEN %s AND %s",
                [site.pk, start, end],
            )
            self.closures = dict(cursor.fetchall())
        self.holidays = law.holiday_dates(start, end)

    def __contains__(self, day: datetime.date) -> bool:
        return day in self.closures or day in self.holidays

    def __getitem__(self, day: datetime.date) -> str:
        return self.closures.get(day) or law.public_holidays(day, day)[day]


class _SavedPlacement(NamedTuple):
    """What the week save reads of a placement (tuples, not model objects: issue 15)."""

    pk: int
    client_name: str
    start_on: datetime.date
    end_on: datetime.date
    weekdays: list[int]
    case_id: int
    client_id: int
    decision_weekdays: list[int]


# The week save's placements, locked: the placement gate (PlacementQuerySet.supervised_by,
# the same SUPERVISED_SITE_IDS_SQL and live statuses) in one plain statement. Issue 15:
# through the ORM this read was ~1.5 ms of a ~8 ms save, more than the statement itself;
# tests/placements/test_week_check.py holds it to the gate's rows for every user.
SAVED_PLACEMENTS_SQL = f"""
SELECT p.id, p.client_name, p.start_on, p.end_on, p.weekdays, p.case_id, c.client_id,
  d.weekdays
FROM placements_placement p
JOIN decisions_decision d ON d.id = p.decision_id
JOIN clients_case c ON c.id = p.case_id
WHERE p.site_id = %s AND p.id = ANY(%s) AND d.status = ANY(%s)
  AND p.site_id IN ({SUPERVISED_SITE_IDS_SQL})
ORDER BY p.start_on, p.client_name, p.id
FOR UPDATE OF p
"""  # noqa: S608 - constant fragments of this module and accounts.models


def saved_placements(user: User, site: Site, ids) -> dict[int, _SavedPlacement]:
    """The user's placements among `ids` at `site` while their decision is live, locked
    until the transaction ends (the week checks must see every concurrent save), always
    in the same order (two saves of the same clients queue, never deadlock) and as the
    week page lists them (the refusals name them in that order)."""
    if not user.is_authenticated:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            SAVED_PLACEMENTS_SQL,
            [site.pk, sorted(ids), [str(s) for s in LIVE_STATUSES], user.pk],
        )
        return {row[0]: _SavedPlacement(*row) for row in cursor.fetchall()}


def _entry_errors(entry: dict, placement: _SavedPlacement | None, today, closed) -> list[str]:
    """What is wrong with one mark, in the supervisor's words (empty when it is fine)."""
    day = entry["day"]
    if placement is None:
        return [
            _("Asiakas ei ole tässä työtoimintapaikassa (%(day)s).")
            % {"day": day.strftime("%-d.%-m.%Y")}
        ]
    status, hours = entry["status"], entry.get("hours")
    if not placement.start_on <= day <= placement.end_on:
        return [_("%(name)s %(day)s: päivä ei ole työtoimintajaksolla.") % _who(placement, day)]
    if day > today:
        return [_("%(name)s %(day)s: tulevaa päivää ei voi merkitä.") % _who(placement, day)]
    if day in closed and status != AttendanceStatus.NO_SERVICE:
        return [
            _("%(name)s %(day)s: toimintaa ei ollut (%(why)s).")
            % {**_who(placement, day), "why": closed[day]}
        ]
    if day.isoweekday() not in placement.weekdays and status != AttendanceStatus.NO_SERVICE:
        return [_("%(name)s %(day)s: päivä ei ole aikataulussa.") % _who(placement, day)]
    if hours is not None and not 0 <= hours <= 12:
        return [_("%(name)s %(day)s: tunnit ovat 0–12.") % _who(placement, day)]
    if status == AttendanceStatus.PRESENT and hours is None:
        return [_("%(name)s %(day)s: merkitse läsnäolon tunnit.") % _who(placement, day)]
    if status == AttendanceStatus.ABSENT and not entry.get("absence_reason"):
        return [_("%(name)s %(day)s: valitse poissaolon syy.") % _who(placement, day)]
    if len(entry.get("diary") or "") > text.NOTE:
        return [
            _(
                "%(name)s %(day)s: työpäiväkirjan merkintä saa olla enintään %(limit)s "
                "merkkiä (nyt %(length)s); lyhennä sitä."
            )
            % {**_who(placement, day), "limit": text.NOTE, "length": len(entry["diary"])}
        ]
    return []


def _who(placement: _SavedPlacement, day: datetime.date) -> dict:
    """The client and day a message names (built only for a message: ~90 a save)."""
    return {"name": placement.client_name, "day": day.strftime("%-d.%-m.%Y")}


class WeekSaved(NamedTuple):
    """What a week save did: the marks saved, and the days the day limit refused."""

    saved: int
    refused: list[str]


@transaction.atomic(durable=True)
def attendance_record_week(
    *, user: User, site: Site, entries: list[dict], meta: AccessMeta | None = None
) -> WeekSaved:
    """Save a week of a whole group in one go, idempotent (upsert). A wrong mark refuses
    the whole save; a present day past a client's day limit is left out alone and named
    (issue 27: one client's limit never blocks the group's week).

    entries: {"placement": id, "day": date, "status", "hours", "absence_reason", "diary"}

    A constant number of queries whatever the group's size (issue 15): the placements
    (locked), the site's closures, the day limit's near cases, one upsert, one check, the
    reminders' refresh and one access-log insert."""
    placements = saved_placements(user, site, {e["placement"] for e in entries})
    today = timezone.localdate()
    days = [e["day"] for e in entries] or [today]
    closed = _ClosedDays(site, min(days), max(days))
    errors = []
    valid = []
    seen: set[tuple[int, datetime.date]] = set()
    for entry in entries:
        placement = placements.get(entry["placement"])
        day = entry["day"]
        if placement is not None and (placement.pk, day) in seen:
            errors.append(
                _("%(name)s %(day)s: päivä on merkinnöissä kahdesti; merkitse se kerran.")
                % {"name": placement.client_name, "day": day.strftime("%-d.%-m.%Y")}
            )
            continue
        seen.add((entry["placement"], day))
        wrong = _entry_errors(entry, placement, today, closed)
        errors += wrong
        if not wrong:
            valid.append((entry, placement))
    if errors:
        raise ValidationError(errors)
    limit = settings.KUTY_DAY_LIMIT
    refused = over_limit(
        [
            (placement.case_id, placement.pk, entry["day"])
            for entry, placement in valid
            if entry["status"] == AttendanceStatus.PRESENT
        ],
        limit,
    )
    columns = _upsert_columns(
        [(e, p) for e, p in valid if (p.pk, e["day"]) not in refused], user, timezone.now()
    )
    with connection.cursor() as cursor:
        cursor.execute(ATTENDANCE_UPSERT, columns)
    _check_weeks_and_limit(placements.values(), days, limit)
    # by hand: the cases are the locked placements read above (a declaration would read them again)
    hooks.matter_changed({p.case_id for p in placements.values()}, hooks.ATTENDANCE)
    access_log(
        user=user,
        clients=[p.client_id for p in placements.values()],
        action=AccessAction.CHANGE,
        what=f"läsnäolot {site.name}",
        meta=meta,
    )
    return WeekSaved(
        saved=len(columns[0]),
        refused=[
            _(
                "%(name)s %(day)s: ei tallennettu. Päivä ylittäisi %(limit)s "
                "osallistumispäivän rajan 12 kuukauden aikana (alueen sääntö)."
            )
            % {**_who(p, e["day"]), "limit": limit}
            for e, p in valid
            if (p.pk, e["day"]) in refused
        ],
    )


def _upsert_columns(valid: list[tuple[dict, _SavedPlacement]], user: User, now) -> list[list]:
    """ATTENDANCE_UPSERT's arrays: one column a field, one row a mark."""
    columns: list[list] = [[] for _column in range(8)]
    for entry, placement in valid:
        status = entry["status"]
        present, absent = status == AttendanceStatus.PRESENT, status == AttendanceStatus.ABSENT
        row = (
            placement.pk,
            entry["day"],
            status,
            entry.get("hours") if present else None,
            entry.get("absence_reason", "") if absent else "",
            entry.get("diary", ""),
            user.pk,
            now,
        )
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    return columns


def _check_weeks_and_limit(placements, days: list[datetime.date], limit: int) -> None:
    """After the upsert, inside the transaction: refuse (roll back) a calendar week with
    more present days than the decision allows, or a day beyond the region's limit."""
    placements = list(placements)
    if not placements:
        return
    weeks, over = week_and_limit_breaches(placements, days, limit)
    errors = []
    for placement in placements:
        for monday, count in sorted(weeks.get(placement.pk, [])):
            errors.append(
                _(
                    "%(name)s viikko %(week)s: läsnäolopäiviä %(count)s, päätös sallii "
                    "%(allowed)s päivää viikossa."
                )
                % {
                    "name": placement.client_name,
                    "week": monday.isocalendar()[1],
                    "count": count,
                    "allowed": len(placement.decision_weekdays),
                }
            )
        if placement.pk in over:
            errors.append(
                _(
                    "%(name)s %(day)s: päivä ylittäisi %(limit)s osallistumispäivän rajan 12 "
                    "kuukauden aikana (alueen sääntö)."
                )
                % {
                    "name": placement.client_name,
                    "day": over[placement.pk].strftime("%-d.%-m.%Y"),
                    "limit": limit,
                }
            )
    if errors:
        raise ValidationError(errors)


def week_and_limit_breaches(
    placements, days: list[datetime.date], limit: int
) -> tuple[dict[int, list[tuple[datetime.date, int]]], dict[int, datetime.date]]:
    """WEEK_CHECK_SQL over the saved placements' cases: per placement, its calendar weeks
    (Monday, present days) among the weeks of `days` that hold more present days than its
    decision allows, and the first day on or after min(days) whose 12-month window holds
    more than `limit` (up to a year after max(days): every window holding a saved day)."""
    first, last = min(days), max(days)
    mondays = sorted({day - datetime.timedelta(days=day.weekday()) for day in days})
    with connection.cursor() as cursor:
        cursor.execute(
            WEEK_CHECK_SQL,
            {
                "cases": sorted({p.case_id for p in placements}),
                "mondays_from": mondays[0],
                "mondays_to": mondays[-1] + datetime.timedelta(days=6),
                # the weeks of the save and every 12-month window holding one of its days
                "from": min(law.window_start(first), mondays[0]),
                "to": last + datetime.timedelta(days=366),
                "first": first,
                "limit": limit,
            },
        )
        found = cursor.fetchall()
    case_weeks: dict[int, list] = {}
    case_over: dict[int, datetime.date] = {}
    for case_id, monday, count, day in found:
        if day is None:
            if monday in mondays:  # a week between two weeks of the save is not its
                case_weeks.setdefault(case_id, []).append((monday, count))
        else:
            case_over[case_id] = day
    weeks = {}
    over = {}
    for placement in placements:
        allowed = len(placement.decision_weekdays)
        too_many = sorted(w for w in case_weeks.get(placement.case_id, []) if w[1] > allowed)
        if too_many:
            weeks[placement.pk] = too_many
        if placement.case_id in case_over:
            over[placement.pk] = case_over[placement.case_id]
    return weeks, over


def scheduled_days(
    weekdays, after: datetime.date, end: datetime.date, closed
) -> list[datetime.date]:
    """The days after `after` up to `end` on these ISO weekdays, `closed` days excluded."""
    weekdays, days = set(weekdays), []
    day, one = after + datetime.timedelta(days=1), datetime.timedelta(days=1)
    while day <= end:
        if day.isoweekday() in weekdays and day not in closed:
            days.append(day)
        day += one
    return days


def planned_days(placement: Placement, after: datetime.date) -> list[datetime.date]:
    """The placement's scheduled days after `after`, public holidays and closures excluded."""
    if after >= placement.end_on:
        return []
    closed = no_service_days(placement.site, after + datetime.timedelta(days=1), placement.end_on)
    return scheduled_days(placement.weekdays, after, placement.end_on, closed)


PARTICIPATION_SQL = """
SELECT (SELECT array_agg(a.day) FROM placements_attendance a
        JOIN placements_placement p ON p.id = a.placement_id
        WHERE p.case_id = %s AND a.status = 'present'),
       (SELECT array_agg(s.day) FROM placements_siteclosure s
        WHERE s.site_id = %s AND s.day > %s AND s.day <= %s)
"""


def participation_counts(placement: Placement) -> dict:
    """Days in the rolling 12 months, the date the limit would be reached, allowance days.

    One query (the client's present days over every placement, and the site's coming
    closures), then date arithmetic: issue 15 measured the ORM's three queries at 7× the
    raw 12-month count at national scale. The same answers as law.days_in_window and
    law.limit_reached_on over present_days and planned_days
    (tests/placements/test_participation_counts.py)."""
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            PARTICIPATION_SQL, [placement.case_id, placement.site_id, today, placement.end_on]
        )
        present, closures = cursor.fetchone()
    present = present or []
    closed = law.holiday_dates(today, placement.end_on).union(closures or ())
    planned = scheduled_days(placement.weekdays, today, placement.end_on, closed)
    per_month: dict[str, int] = {}
    for day in present:
        if placement.start_on <= day <= placement.end_on:
            per_month[f"{day:%Y-%m}"] = per_month.get(f"{day:%Y-%m}", 0) + 1
    limit = settings.KUTY_DAY_LIMIT
    return {
        "days_in_12_months": law.days_in_window(present, today),
        "limit": limit,
        "limit_reached_on": law.limit_reached_on(present, planned, limit),
        "allowance_days_by_month": dict(sorted(per_month.items())),
    }


def days_in_12_months(case_id: int, on: datetime.date | None = None) -> int:
    """One client's participation days in the 12 months ending on `on` (law.days_in_window
    over every placement of the case), counted in SQL."""
    on = on or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT a.day) FROM placements_attendance a "
            "JOIN placements_placement p ON p.id = a.placement_id "
            "WHERE p.case_id = %s AND a.status = 'present' AND a.day BETWEEN %s AND %s",
            [case_id, law.window_start(on), on],
        )
        return cursor.fetchone()[0]


TT3_INTERVAL_DAYS = 14  # DOMAIN.md: Kela is sent the notice at least every two weeks


def tt3_rows(placement: Placement, start: datetime.date, end: datetime.date) -> list[dict]:
    """The scheduled days of the period with an absence or no service, for Kela's TT3.

    Only days the person should have attended are reported (DOMAIN.md)."""
    marks = {
        a.day: a
        for a in placement.attendances.filter(day__range=(start, end)).exclude(
            status=AttendanceStatus.PRESENT
        )
    }
    closed = no_service_days(placement.site, start, end)
    rows = []
    for day in sorted(set(marks) | {d for d in closed if d.isoweekday() in placement.weekdays}):
        if not placement.start_on <= day <= placement.end_on:
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
        else:
            rows.append(
                {
                    "day": day,
                    "kind": "no_service",
                    "reason": closed.get(day, _("Ei toimintaa")),
                    "keeps_benefit": True,
                }
            )
    return rows


# Kela: absences for which the benefit is kept (DOMAIN.md); any other costs the day.
KEEPS_BENEFIT = {"own_sickness", "child_sickness", "employment", "public_office"}


def tt3_due(placements, today: datetime.date | None = None) -> list[dict]:
    """Per placement: the next period to report and whether it is due (two weeks)."""
    today = today or timezone.localdate()
    last_sent = dict(
        AbsenceNotice.objects.filter(placement__in=placements)
        .values("placement")
        .annotate(last=Max("period_end"))
        .values_list("placement", "last")
    )
    due = []
    for placement in placements:
        start = max(
            placement.start_on,
            (last_sent.get(placement.pk) or placement.start_on - datetime.timedelta(days=1))
            + datetime.timedelta(days=1),
        )
        # a notice covers at most two weeks (Kela's TT3 period; issue 26: it was months)
        end = min(
            today - datetime.timedelta(days=1),
            placement.end_on,
            start + datetime.timedelta(days=TT3_INTERVAL_DAYS - 1),
        )
        if end < start:
            continue
        due.append(
            {
                "placement": placement,
                "start": start,
                "end": end,
                "due": (end - start).days + 1 >= TT3_INTERVAL_DAYS,
            }
        )
    return due


@hooks.changes(hooks.ABSENCE_NOTICE, cases=lambda _notice, placement, **_: [placement.case_id])
def tt3_mark_sent(
    *,
    user: User,
    placement: Placement,
    start: datetime.date,
    end: datetime.date,
) -> AbsenceNotice:
    notice, _created = AbsenceNotice.objects.get_or_create(
        placement=placement,
        period_start=start,
        defaults={"period_end": end, "sent_on": timezone.localdate(), "sent_by": user},
    )
    return notice


def monthly_summary(placements, month_start: datetime.date) -> list[dict]:
    """Per client: days present, hours, absences by reason, allowance days — in SQL."""
    month_end = (month_start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
        days=1
    )
    reason_counts = {
        reason: Count("id", filter=Q(status=AttendanceStatus.ABSENT, absence_reason=reason))
        for reason, _label in AbsenceReason.choices
    }
    rows = (
        Attendance.objects.filter(placement__in=placements, day__range=(month_start, month_end))
        .values("placement", "placement__client_name")
        .annotate(
            present=Count("id", filter=Q(status=AttendanceStatus.PRESENT)),
            hours=Sum("hours", filter=Q(status=AttendanceStatus.PRESENT)),
            absent=Count("id", filter=Q(status=AttendanceStatus.ABSENT)),
            **reason_counts,
        )
        .order_by("placement__client_name")
    )
    # kulukorvaus is paid for each participation day, never for an absence (DOMAIN.md)
    return [{**row, "allowance_days": row["present"]} for row in rows]


@on_decision_made
def end_placement_when_service_ends(decision: Decision, user: User) -> None:
    """An ending decision ends the placement on its last day and tells the placement:
    only the last day, as a disclosure to the provider (logged)."""
    if not decision.is_ending():
        return
    placement = Placement.objects.filter(decision_id=decision.ends_id).first()
    if placement is None:
        return
    placement.end_on = min(placement.end_on, decision.end_on)
    placement.save(update_fields=["end_on"])
    DisclosureLog.objects.create(
        client=decision.case.client,
        recipient=placement.site.organization,
        data=_("Palvelun päättyminen: työtoiminta päättyy %(day)s")
        % {"day": decision.end_on.strftime("%-d.%-m.%Y")},
        legal_basis=NOTICE_LEGAL_BASIS,
        disclosed_by=user,
    )


def _cases_placed(site: Site, day: datetime.date | None) -> list[int]:
    """The cases with a placement at the site on the day (their counts read its closures)."""
    if day is None:
        return []
    placed = Placement.objects.filter(site=site, start_on__lte=day, end_on__gte=day)
    return list(placed.values_list("case_id", flat=True))


# A closed day changes what counts (no mark is due that day; the projected day of
# reaching the limit moves): the cases placed there that day are told. No access-log row:
# no client's data is read or written.
@hooks.changes(hooks.ATTENDANCE, cases=lambda closure, site, **_: _cases_placed(site, closure.day))
def site_closure_add(
    *, actor: User, site: Site, day: datetime.date, reason: str, past: bool = False
) -> SiteClosure:
    """The one way a site's day without activity (besides public holidays) is saved: the
    provider announces it in the directory entry (today and later), the supervisor marks
    it on the attendance week (`past`: a day gone by too). A day already marked present
    for someone is refused: those marks are changed first, on the week."""
    if day < timezone.localdate() and not past:
        raise ValidationError(
            {"day": _("Sulkupäivän voi ilmoittaa vain tälle päivälle tai tuleville päiville.")}
        )
    reason = reason.strip()
    if len(reason) > 200:
        raise ValidationError({"reason": _("Syy on enintään 200 merkkiä.")})
    present = Attendance.objects.filter(
        placement__site=site, day=day, status=AttendanceStatus.PRESENT
    ).count()
    if present:
        raise ValidationError(
            {
                "day": _(
                    "Sulkupäivälle %(day)s on jo merkitty läsnäoloja (%(count)s): merkitse "
                    "ne ensin viikkonäkymässä tilaan Ei toimintaa."
                )
                % {"day": day.strftime("%-d.%-m.%Y"), "count": present}
            }
        )
    closure, _created = SiteClosure.objects.update_or_create(
        site=site, day=day, defaults={"reason": reason or _("Yksikkö suljettu")}
    )
    if day >= timezone.localdate():  # the directory entry shows the coming closures
        site_entry_touch(site=site, actor=actor)
    return closure


@hooks.changes(hooks.ATTENDANCE, cases=lambda day, site, **_: _cases_placed(site, day))
def site_closure_remove(*, actor: User, site: Site, closure_pk: int) -> datetime.date | None:
    """Withdraw an announced closure (today or later); the day withdrawn, or None."""
    closure = SiteClosure.objects.filter(
        site=site, pk=closure_pk, day__gte=timezone.localdate()
    ).first()
    if closure is None:
        return None
    closure.delete()
    site_entry_touch(site=site, actor=actor)
    return closure.day


def site_free_places(site: Site) -> int:
    """Free places today: capacity less the live placements running today."""
    return directory_search({}).filter(pk=site.pk).values_list("free", flat=True).first() or 0

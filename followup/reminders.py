# ruff: noqa: S608 - the SQL here is put together from constant fragments of this module
# only; every value (dates, ids, settings) is a query parameter.
"""Reminders: the daily sweep that keeps every deadline of the process in view.

Each rule is one set-based query of the matters due today (never a loop over cases). The
sweep runs one statement per rule, which does three things:

1. insert a reminder for each match, keyed by (rule, case, due date) in the database, so
   a rerun, or a task delivered again after a worker was killed mid-sweep, adds nothing;
2. reopen a reminder that closed by itself when its matter is due again;
3. close by itself (RESOLVED) every open reminder of the rule that no longer matches:
   the plan was renewed, the day recorded, the decision notified.

Then the recipients of the open reminders are chosen by the same access rules as every
page (the responsible worker is a social worker of the organiser, the supervisor
supervises the site of a live placement, the employment-authority contact's office holds
a consent in force), and rows of those who lost access are removed.

Services of earlier apps call `core.hooks.matter_changed` when they resolve a matter;
`refresh` then runs step 3 for those cases at once, so a reminder closes on its own
without waiting for the next sweep.
"""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, JSONObject
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.scope import SUPERVISION_SCOPE
from clients.models import Case, CaseGrant, Consent, Phase
from clients.scope import CONSENTED, SHARE_ORGS, WORK_SCOPE
from core import hooks, law
from decisions.models import LIVE_STATUSES, Decision, DecisionStatus
from placements.models import AbsenceReason, AttendanceStatus, Placement
from placements.notices import EPOCH
from placements.services import TT3_INTERVAL_DAYS, planned_days, present_days
from plans.models import ActivationPlan, Assessment, ClientPlan, Party, PlanState

from .models import (
    RecipientRole,
    Reminder,
    ReminderDigest,
    ReminderKind,
    ReminderRecipient,
    ReminderStatus,
    Review,
)

logger = logging.getLogger(__name__)

K = ReminderKind
R = RecipientRole
LIVE = [str(s) for s in LIVE_STATUSES]


def days(name: str) -> int:
    return int(settings.KUTY_REMINDERS[name])


@dataclass(frozen=True)
class Rule:
    kind: str
    recipients: tuple[str, ...]
    topics: frozenset[str]
    # (today, case ids or None for all) -> SQL and params of a SELECT returning
    # r_case, r_due, r_placement, r_detail
    find: Callable[[datetime.date, list[int] | None], tuple[str, list]]
    # topics on which a refresh of this rule runs after the commit, in the Celery worker,
    # not in the request: what the one who saved does not see next (issue 15)
    later: frozenset[str] = frozenset()


# --- building the match queries ----------------------------------------------------------


def _sql(*querysets: QuerySet) -> tuple[str, list]:
    parts, params = [], []
    for qs in querysets:
        sql, p = qs.query.sql_with_params()
        parts.append(f"({sql})")
        params += list(p)
    return " UNION ALL ".join(parts), params


def _matches(qs: QuerySet, *, case, due, placement=None, detail=None) -> QuerySet:
    return qs.values(
        r_case=case,
        r_due=Cast(due, DateField()),
        r_placement=Cast(placement if placement is not None else Value(None), IntegerField()),
        r_detail=detail if detail is not None else JSONObject(),
    )


def _in(qs: QuerySet, field: str, case_ids: list[int] | None) -> QuerySet:
    return qs if case_ids is None else qs.filter(**{f"{field}__in": case_ids})


def _shift(field, n: int):
    """A date column moved by n days, as a date (for the due date and comparisons)."""
    return ExpressionWrapper(field + datetime.timedelta(days=n), output_field=DateField())


def _case_filter(column: str, case_ids: list[int] | None) -> tuple[str, list]:
    """ " AND <column> = ANY(ids)" for a refresh of some cases; nothing for the sweep."""
    if case_ids is None:
        return "", []
    return f" AND {column} = ANY(%s)", [case_ids]


def _values(rows: list[tuple]) -> tuple[str, list]:
    """Matches computed in Python (the projected limit date) as a SELECT."""
    return (
        "SELECT * FROM unnest(%s::bigint[], %s::date[], %s::bigint[], %s::jsonb[]) "
        "AS m(r_case, r_due, r_placement, r_detail)",
        [
            [r[0] for r in rows],
            [r[1] for r in rows],
            [r[2] for r in rows],
            [json.dumps(r[3]) for r in rows],
        ],
    )


# --- the rules -----------------------------------------------------------------------------


_PLAN = JSONObject(plan=F("pk"))  # the to-do list links to the plan


def _plans(case_ids):
    reviewed = Review.objects.filter(
        case=OuterRef("case"),
        held_on__gte=_shift(OuterRef("assessment_due_on"), -days("plan_assessment_before")),
    )
    plans = ActivationPlan.objects.filter(
        case__closed_on__isnull=True,
        state__in=[PlanState.SIGNED, PlanState.IN_FORCE],
        includes_kuty=True,
        assessment_due_on__isnull=False,
    ).exclude(Exists(reviewed))
    return _in(plans, "case", case_ids)


def plan_assessment_soon(today, case_ids):
    """Item 6 of the plan: the effects are assessed by this date (14 days before)."""
    qs = _plans(case_ids).filter(
        assessment_due_on__gte=today,
        assessment_due_on__lte=today + datetime.timedelta(days=days("plan_assessment_before")),
    )
    return _sql(_matches(qs, case=F("case_id"), due=F("assessment_due_on"), detail=_PLAN))


def plan_assessment_overdue(today, case_ids):
    qs = _plans(case_ids).filter(assessment_due_on__lt=today)
    return _sql(_matches(qs, case=F("case_id"), due=F("assessment_due_on"), detail=_PLAN))


def period_ending(today, case_ids):
    """13 b §: the activation plan is renewed before the decided period ends."""
    later = Decision.objects.live_positive().filter(
        case=OuterRef("case"), start_on__gt=OuterRef("end_on")
    )
    ended = Decision.objects.filter(ends=OuterRef("pk")).exclude(status=DecisionStatus.DRAFT)
    renewed = ActivationPlan.objects.filter(previous=OuterRef("plan"))
    qs = (
        Decision.objects.live_positive()
        .filter(
            case__closed_on__isnull=True,
            end_on__gte=today,
            end_on__lte=today + datetime.timedelta(days=days("period_ending_before")),
        )
        .exclude(Exists(later))
        .exclude(Exists(ended))
        .exclude(Exists(renewed))
    )
    return _sql(
        _matches(
            _in(qs, "case", case_ids),
            case=F("case_id"),
            due=F("end_on"),
            detail=JSONObject(plan=F("plan_id")),
        )
    )


def _present_in_window(today, case_ids=None):
    """Participation days of each client (case) in the 12 months ending today, in SQL.

    A refresh of some cases counts theirs only: PostgreSQL does not push the outer
    query's case filter into the grouped count, so it counted the whole country's 12
    months (1.5 M marks) for a supervisor's week save, 5 s of its 5.6 s (issue 15)."""
    extra, extra_params = _case_filter("p.case_id", case_ids)
    return (
        "SELECT p.case_id, count(DISTINCT a.day) AS n FROM placements_attendance a "
        "JOIN placements_placement p ON p.id = a.placement_id "
        "WHERE a.status = 'present' AND a.day BETWEEN %s AND %s" + extra + " GROUP BY p.case_id",
        [law.window_start(today), today, *extra_params],
    )


def day_limit_near(today, case_ids):
    """A client at 160 days (a setting) in a rolling 12 months: to the worker and supervisor."""
    counts, params = _present_in_window(today, case_ids)
    extra, extra_params = _case_filter("p.case_id", case_ids)
    sql = (
        f"WITH counts AS ({counts}) "
        "SELECT p.case_id AS r_case, p.end_on AS r_due, p.id AS r_placement, "
        "jsonb_build_object('days', counts.n) AS r_detail "
        "FROM placements_placement p JOIN decisions_decision d ON d.id = p.decision_id "
        "JOIN clients_case c ON c.id = p.case_id JOIN counts ON counts.case_id = p.case_id "
        "WHERE d.status = ANY(%s) AND c.closed_on IS NULL AND p.start_on <= %s "
        "AND p.end_on >= %s AND counts.n >= %s" + extra
    )
    return sql, [*params, LIVE, today, today, days("day_limit_near"), *extra_params]


def day_limit_projected(today, case_ids):
    """At the planned schedule the client reaches the region's limit before the period
    ends. SQL narrows to the clients who could (days so far + an upper bound of the
    scheduled days left); the exact date comes from core.law for those few only."""
    limit = settings.KUTY_DAY_LIMIT
    counts, params = _present_in_window(today, case_ids)
    extra, extra_params = _case_filter("p.case_id", case_ids)
    sql = (
        f"WITH counts AS ({counts}) SELECT p.id FROM placements_placement p "
        "JOIN decisions_decision d ON d.id = p.decision_id "
        "JOIN clients_case c ON c.id = p.case_id "
        "LEFT JOIN counts ON counts.case_id = p.case_id "
        "WHERE d.status = ANY(%s) AND c.closed_on IS NULL AND p.start_on <= %s AND p.end_on > %s "
        "AND coalesce(counts.n, 0) < %s "
        "AND coalesce(counts.n, 0) + ((p.end_on - %s) / 7 + 1) * cardinality(p.weekdays) >= %s"
        + extra
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, LIVE, today, today, limit, today, limit, *extra_params])
        ids = [row[0] for row in cursor.fetchall()]
    candidates = list(Placement.objects.filter(pk__in=ids).select_related("site"))
    past = present_days([p.pk for p in candidates])
    rows = []
    for placement in candidates:
        on = law.limit_reached_on(
            past.get(placement.case_id, []), planned_days(placement, today), limit
        )
        if on is not None:
            rows.append((placement.case_id, placement.end_on, placement.pk, {"on": on.isoformat()}))
    return _values(rows)


def _review_dates(today, case_ids, *, soon: bool):
    before = days("review_before")
    latest_review = Review.objects.filter(case=OuterRef("case")).order_by("-held_on", "-pk")
    reviews = Review.objects.filter(
        case__closed_on__isnull=True,
        next_review_on__isnull=False,
        pk=Subquery(latest_review.values("pk")[:1]),
    )
    latest_plan = ClientPlan.objects.filter(case=OuterRef("case")).order_by("-drawn_up_on", "-pk")
    held = Review.objects.filter(
        case=OuterRef("case"), held_on__gte=_shift(OuterRef("review_on"), -before)
    )
    plans = ClientPlan.objects.filter(
        case__closed_on__isnull=True,
        review_on__isnull=False,
        pk=Subquery(latest_plan.values("pk")[:1]),
    ).exclude(Exists(held))
    if soon:
        window = {"gte": today, "lte": today + datetime.timedelta(days=before)}
    else:
        window = {"lt": today}
    reviews = reviews.filter(**{f"next_review_on__{op}": v for op, v in window.items()})
    plans = plans.filter(**{f"review_on__{op}": v for op, v in window.items()})
    return _sql(
        _matches(_in(reviews, "case", case_ids), case=F("case_id"), due=F("next_review_on")),
        _matches(_in(plans, "case", case_ids), case=F("case_id"), due=F("review_on")),
    )


def review_soon(today, case_ids):
    return _review_dates(today, case_ids, soon=True)


def review_overdue(today, case_ids):
    return _review_dates(today, case_ids, soon=False)


def attendance_unrecorded(today, case_ids):
    """Scheduled days with no mark after 3 working days (a setting): to the supervisor.
    One reminder per placement and first unrecorded day; recording it closes it."""
    cutoff = law.working_days_back(today, days("attendance_working_days"))
    start = today - datetime.timedelta(days=days("attendance_lookback"))
    holidays = [day for day in law.holiday_dates(start, cutoff) if start <= day <= cutoff]
    extra, extra_params = _case_filter("p.case_id", case_ids)
    sql = (
        "SELECT p.case_id AS r_case, min(g.day)::date AS r_due, p.id AS r_placement, "
        "jsonb_build_object('days', count(*)) AS r_detail "
        "FROM placements_placement p JOIN decisions_decision d ON d.id = p.decision_id "
        "JOIN clients_case c ON c.id = p.case_id "
        "CROSS JOIN LATERAL generate_series(greatest(p.start_on, %s::date), "
        "least(p.end_on, %s::date), interval '1 day') AS g(day) "
        "WHERE d.status = ANY(%s) AND c.closed_on IS NULL "
        "AND p.end_on >= %s AND p.start_on <= %s "
        "AND extract(isodow FROM g.day)::int = ANY(p.weekdays) "
        "AND NOT (g.day::date = ANY(%s::date[])) "
        "AND NOT EXISTS (SELECT 1 FROM placements_siteclosure sc "
        "WHERE sc.site_id = p.site_id AND sc.day = g.day::date) "
        "AND NOT EXISTS (SELECT 1 FROM placements_attendance a "
        "WHERE a.placement_id = p.id AND a.day = g.day::date)" + extra + " GROUP BY p.id, p.case_id"
    )
    return sql, [start, cutoff, LIVE, start, cutoff, holidays, *extra_params]


def absences_in_row(today, case_ids):
    """Three (a setting) unexplained absences in a row, by the marks of the scheduled days:
    to the responsible worker. Gaps and islands in SQL; due on the third day."""
    n = days("absences_in_row")
    start = today - datetime.timedelta(days=days("absences_lookback"))
    extra, extra_params = _case_filter("p.case_id", case_ids)
    sql = (
        "SELECT x.case_id AS r_case, (array_agg(x.day ORDER BY x.day))[%s] AS r_due, "
        "NULL::bigint AS r_placement, jsonb_build_object('days', count(*)) AS r_detail FROM ("
        "SELECT p.case_id, a.placement_id, a.day, "
        "(a.status = 'absent' AND a.absence_reason = %s) AS unexplained, "
        "row_number() OVER (PARTITION BY a.placement_id ORDER BY a.day) - row_number() OVER "
        "(PARTITION BY a.placement_id, (a.status = 'absent' AND a.absence_reason = %s) "
        "ORDER BY a.day) AS island "
        "FROM placements_attendance a JOIN placements_placement p ON p.id = a.placement_id "
        "JOIN clients_case c ON c.id = p.case_id "
        "WHERE a.day >= %s AND a.day <= %s AND a.status <> %s AND c.closed_on IS NULL"
        + extra
        + ") x WHERE x.unexplained GROUP BY x.case_id, x.placement_id, x.island "
        "HAVING count(*) >= %s"
    )
    other = AbsenceReason.OTHER.value
    return sql, [
        n,
        other,
        other,
        start,
        today,
        AttendanceStatus.NO_SERVICE.value,
        *extra_params,
        n,
    ]


def tt3_due(today, case_ids):
    """The absence notices are due once a fortnight (placements.notices: fixed fortnights
    from Monday 1.1.2001, the same for every client): to the supervisor, due on the last
    day of the first fortnight not yet sent, so a site's clients share one due date and
    the home page shows one line for the site's fortnight (issue 26)."""
    extra, extra_params = _case_filter("p.case_id", case_ids)
    sql = (
        "SELECT p.case_id AS r_case, f.due AS r_due, p.id AS r_placement, "
        "'{}'::jsonb AS r_detail "
        "FROM placements_placement p JOIN decisions_decision d ON d.id = p.decision_id "
        "JOIN clients_case c ON c.id = p.case_id "
        "CROSS JOIN LATERAL (SELECT greatest(p.start_on, coalesce((SELECT max(n.period_end) "
        "FROM placements_absencenotice n WHERE n.placement_id = p.id "
        "AND n.sent_on IS NOT NULL) + 1, p.start_on)) AS first) s "
        "CROSS JOIN LATERAL (SELECT (%s::date + (s.first - %s::date) / %s * %s + %s) AS due) f "
        "WHERE d.status = ANY(%s) AND c.closed_on IS NULL "
        "AND s.first <= p.end_on AND f.due < %s::date" + extra
    )
    days = TT3_INTERVAL_DAYS
    return sql, [EPOCH, EPOCH, days, days, days - 1, LIVE, today, *extra_params]


def decision_not_notified(today, case_ids):
    after = days("decision_notify_within")
    qs = Decision.objects.filter(
        status=DecisionStatus.MADE,
        notification__isnull=True,
        case__closed_on__isnull=True,
        decided_on__lte=today - datetime.timedelta(days=after),
    )
    return _sql(
        _matches(
            _in(qs, "case", case_ids),
            case=F("case_id"),
            due=_shift(F("decided_on"), after),
            detail=JSONObject(decision=F("pk")),
        )
    )


def consent_expiring(today, case_ids):
    # one filter() call: the open case and the case ids are the same join
    where = {
        "client__cases__closed_on__isnull": True,
        "expires_on__gte": today,
        "expires_on__lte": today + datetime.timedelta(days=days("consent_expiring_before")),
    }
    if case_ids is not None:
        where["client__cases__in"] = case_ids
    qs = Consent.objects.in_force(today).filter(**where)
    return _sql(_matches(qs, case=F("client__cases__id"), due=F("expires_on")))


def grant_ending(today, case_ids):
    qs = CaseGrant.objects.in_force(today).filter(
        case__closed_on__isnull=True,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=days("grant_ending_before")),
    )
    return _sql(_matches(_in(qs, "case", case_ids), case=F("case_id"), due=F("ends_on")))


def assessment_late(today, case_ids):
    """Social Welfare Act 36 §: the assessment is completed within three months."""
    done = Assessment.objects.filter(case=OuterRef("pk"), completed_on__isnull=False)
    qs = (
        Case.objects.open()
        .filter(
            phase__in=[Phase.NEED_RECOGNISED, Phase.ASSESSMENT],
            opened_on__lt=law.assessment_overdue_opened_before(today),
        )
        .exclude(Exists(done))
    )
    sql, params = _sql(_matches(_in(qs, "pk", case_ids), case=F("pk"), due=F("opened_on")))
    # the three months as PostgreSQL counts months (as relativedelta does: 30.11 + 3 months
    # is 28.2 or 29.2), so the due date is law.assessment_deadline's
    return (
        f"SELECT m.r_case, (m.r_due + interval '{law.ASSESSMENT_DEADLINE_MONTHS} months')::date "
        f"AS r_due, m.r_placement, m.r_detail FROM ({sql}) m",
        params,
    )


def no_responsible_worker(today, case_ids):
    """The responsible worker left (inactive, or no longer a social worker of the
    organiser): to the organiser's social workers, dated from the last change of worker."""
    extra, extra_params = _case_filter("c.id", case_ids)
    sql = (
        "SELECT c.id AS r_case, coalesce((SELECT max(w.changed_on) FROM "
        "clients_responsibleworkerchange w WHERE w.case_id = c.id), c.opened_on) AS r_due, "
        "NULL::bigint AS r_placement, '{}'::jsonb AS r_detail "
        "FROM clients_case c JOIN accounts_user u ON u.id = c.responsible_worker_id "
        "WHERE c.closed_on IS NULL AND (NOT u.is_active OR NOT EXISTS (SELECT 1 FROM "
        f"{WORK_SCOPE}() w WHERE w.user_id = u.id AND w.municipality_id = c.municipality_id))"
        + extra
    )
    return sql, extra_params


# Every record that shows someone worked on the case: its latest date.
_ACTIVITY = [
    "SELECT max(initiated_on) FROM clients_referral t WHERE t.case_id = c.id",
    "SELECT max(held_on) FROM clients_networkmeeting t WHERE t.case_id = c.id",
    "SELECT max(changed_at)::date FROM clients_phasechange t WHERE t.case_id = c.id",
    "SELECT max(changed_on) FROM clients_responsibleworkerchange t WHERE t.case_id = c.id",
    "SELECT max(uploaded_at)::date FROM clients_attachment t WHERE t.case_id = c.id",
    "SELECT max(greatest(started_on, completed_on)) FROM plans_assessment t WHERE t.case_id = c.id",
    "SELECT max(drawn_up_on) FROM plans_clientplan t WHERE t.case_id = c.id",
    "SELECT max(drawn_up_on) FROM plans_employmentplan t WHERE t.case_id = c.id",
    "SELECT max(updated_at)::date FROM plans_activationplan t WHERE t.case_id = c.id",
    "SELECT max(created_at)::date FROM decisions_decision t WHERE t.case_id = c.id",
    "SELECT max(a.day) FROM placements_attendance a JOIN placements_placement p "
    "ON p.id = a.placement_id WHERE p.case_id = c.id",
    "SELECT max(evaluated_on) FROM followup_evaluation t WHERE t.case_id = c.id",
    "SELECT max(assessed_on) FROM followup_capacityassessment t WHERE t.case_id = c.id",
    "SELECT max(held_on) FROM followup_review t WHERE t.case_id = c.id",
]


def case_idle(today, case_ids):
    """An open case with nothing recorded for 60 days (a setting): a client falling
    between the cracks. Due 60 days after the last record."""
    idle = days("case_idle")
    extra, extra_params = _case_filter("c.id", case_ids)
    latest = ", ".join(f"({q})" for q in _ACTIVITY)
    sql = (
        "SELECT x.id AS r_case, (x.last + %s)::date AS r_due, NULL::bigint AS r_placement, "
        "jsonb_build_object('last', x.last) AS r_detail FROM ("
        f"SELECT c.id, greatest(c.opened_on, {latest}) AS last FROM clients_case c "
        "WHERE c.closed_on IS NULL" + extra + ") x WHERE x.last + %s <= %s"
    )
    return sql, [idle, *extra_params, idle, today]


T = hooks
RULES: list[Rule] = [
    Rule(
        K.PLAN_ASSESSMENT_SOON,
        (R.WORKER, R.EMPLOYMENT_AUTHORITY),
        frozenset({T.PLAN, T.REVIEW, T.CASE}),
        plan_assessment_soon,
    ),
    Rule(
        K.PLAN_ASSESSMENT_OVERDUE,
        (R.WORKER, R.EMPLOYMENT_AUTHORITY),
        frozenset({T.PLAN, T.REVIEW, T.CASE}),
        plan_assessment_overdue,
    ),
    Rule(
        K.PERIOD_ENDING,
        (R.WORKER, R.EMPLOYMENT_AUTHORITY),
        frozenset({T.PLAN, T.DECISION, T.CASE}),
        period_ending,
    ),
    Rule(
        K.DAY_LIMIT_NEAR,
        (R.WORKER, R.SUPERVISOR),
        frozenset({T.ATTENDANCE, T.DECISION, T.CASE}),
        day_limit_near,
        later=frozenset({T.ATTENDANCE}),
    ),
    Rule(
        K.DAY_LIMIT_PROJECTED,
        (R.WORKER, R.SUPERVISOR),
        frozenset({T.ATTENDANCE, T.DECISION, T.CASE}),
        day_limit_projected,
        later=frozenset({T.ATTENDANCE}),
    ),
    Rule(K.REVIEW_SOON, (R.WORKER,), frozenset({T.REVIEW, T.PLAN, T.CASE}), review_soon),
    Rule(K.REVIEW_OVERDUE, (R.WORKER,), frozenset({T.REVIEW, T.PLAN, T.CASE}), review_overdue),
    Rule(
        K.ATTENDANCE_UNRECORDED,
        (R.SUPERVISOR,),
        frozenset({T.ATTENDANCE, T.DECISION, T.CASE}),
        attendance_unrecorded,
    ),
    Rule(
        K.ABSENCES_IN_ROW,
        (R.WORKER,),
        frozenset({T.ATTENDANCE, T.CASE}),
        absences_in_row,
        later=frozenset({T.ATTENDANCE}),
    ),
    Rule(
        K.TT3_DUE,
        (R.SUPERVISOR,),
        frozenset({T.ABSENCE_NOTICE, T.DECISION, T.CASE}),
        tt3_due,
    ),
    Rule(
        K.DECISION_NOT_NOTIFIED,
        (R.WORKER,),
        frozenset({T.DECISION, T.CASE}),
        decision_not_notified,
    ),
    Rule(K.CONSENT_EXPIRING, (R.WORKER,), frozenset({T.CONSENT, T.CASE}), consent_expiring),
    Rule(K.GRANT_ENDING, (R.WORKER, R.SUBSTITUTE), frozenset({T.GRANT, T.CASE}), grant_ending),
    Rule(K.ASSESSMENT_LATE, (R.WORKER,), frozenset({T.PLAN, T.CASE}), assessment_late),
    Rule(K.NO_RESPONSIBLE_WORKER, (R.COLLEAGUE,), frozenset({T.CASE}), no_responsible_worker),
    Rule(
        K.CASE_IDLE,
        (R.WORKER,),
        frozenset(
            {T.CASE, T.PLAN, T.DECISION, T.ATTENDANCE, T.REVIEW, T.CONSENT, T.ABSENCE_NOTICE}
        ),
        case_idle,
        later=frozenset({T.ATTENDANCE}),
    ),
]


# --- applying a rule -------------------------------------------------------------------


def _clock():
    """The database's own clock: the stamp of one sweep or refresh. It only orders runs
    (a reminder not stamped by the latest run has closed by itself), so it must never go
    back, even when a test moves Django's clock."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        return cursor.fetchone()[0]


def _apply(
    rule: Rule,
    sql: str,
    params: list,
    case_ids: list[int] | None,
    now,
    *,
    stamp,
    create: bool,
) -> tuple[int, int]:
    """Two statements per rule. The first computes the matches once (a materialised CTE),
    inserts the new ones (keyed by rule, case and due date, so a rerun or a task delivered
    again adds nothing) and stamps every matching reminder as seen now, reopening one that
    had closed by itself (never one the user marked done or dismissed). The second closes
    by themselves the open ones not seen now. Stamp-and-sweep joins the matches to the
    reminders through the unique key's index; an anti-join of a large match set against
    the reminders is what the planner does badly. Returns (created, resolved)."""
    only, only_params = _case_filter("r.case_id", case_ids)
    statement = [f"WITH m AS MATERIALIZED ({sql})"]
    args = list(params)
    if create:
        statement.append(
            ", created AS (INSERT INTO followup_reminder (kind, case_id, placement_id, due_on, "
            "detail, status, dismiss_reason, created_at, matched_at) "
            "SELECT %s, m.r_case, m.r_placement, m.r_due, m.r_detail, 'open', '', %s, %s FROM m "
            "ON CONFLICT ON CONSTRAINT one_reminder_per_rule_case_due DO NOTHING RETURNING 1)"
        )
        args += [rule.kind, now, stamp]
    reopen = "" if create else " AND r.status = 'open'"  # a refresh only closes
    statement.append(
        ", seen AS (UPDATE followup_reminder r SET matched_at = %s, "
        "status = 'open', closed_at = NULL FROM m WHERE r.kind = %s "
        "AND r.case_id = m.r_case AND r.due_on = m.r_due "
        "AND r.status IN ('open', 'resolved')" + reopen + " RETURNING 1) "
        "SELECT " + ("(SELECT count(*) FROM created)" if create else "0") + ", "
        "(SELECT count(*) FROM seen)"
    )
    args += [stamp, rule.kind]
    with connection.cursor() as cursor:
        cursor.execute("".join(statement), args)
        created, _seen = cursor.fetchone()
        cursor.execute(
            "UPDATE followup_reminder r SET status = 'resolved', closed_at = %s "
            "WHERE r.kind = %s AND r.status = 'open' AND r.matched_at < %s" + only,
            [now, rule.kind, stamp, *only_params],
        )
        resolved = cursor.rowcount
    return created, resolved


# Who may be reminded: the same scope as the pages, the one SQL of clients/scope.py and
# accounts/scope.py read from the case's side (who may work on / see / supervise it).
_SELECT = "SELECT DISTINCT r.id AS reminder_id, u.id AS user_id FROM followup_reminder r "
_WORKS_ON_CASE = (
    f"JOIN {WORK_SCOPE}() w ON w.municipality_id = c.municipality_id AND w.user_id = u.id "
)
_SUPERVISES_SITE = f"SELECT 1 FROM {SUPERVISION_SCOPE}() s WHERE s.site_id = p.site_id AND "
_RECIPIENTS = {
    R.WORKER: (
        _SELECT + "JOIN clients_case c ON c.id = r.case_id "
        "JOIN accounts_user u ON u.id = c.responsible_worker_id "
        + _WORKS_ON_CASE
        + "WHERE u.is_active"
    ),
    R.SUBSTITUTE: (
        _SELECT + "JOIN clients_case c ON c.id = r.case_id "
        "JOIN clients_casegrant g ON g.case_id = r.case_id AND g.ends_on = r.due_on "
        "AND g.revoked_at IS NULL "
        "JOIN accounts_user u ON u.id = g.user_id " + _WORKS_ON_CASE + "WHERE u.is_active"
    ),
    R.COLLEAGUE: (
        _SELECT + "JOIN clients_case c ON c.id = r.case_id "
        f"JOIN {WORK_SCOPE}() w ON w.municipality_id = c.municipality_id "
        "JOIN accounts_user u ON u.id = w.user_id WHERE u.is_active"
    ),
    # the named supervisor of the placement; every supervisor of the site when none is
    # named (or the named one no longer supervises it); only while the decision is live
    R.SUPERVISOR: (
        _SELECT + "JOIN placements_placement p ON p.id = r.placement_id "
        "JOIN decisions_decision d ON d.id = p.decision_id "
        f"JOIN {SUPERVISION_SCOPE}() s ON s.site_id = p.site_id "
        "JOIN accounts_user u ON u.id = s.user_id "
        "WHERE u.is_active AND d.status = ANY(%(live)s) AND (p.supervisor_id IS NULL "
        f"OR p.supervisor_id = u.id OR NOT EXISTS ({_SUPERVISES_SITE}"
        "s.user_id = p.supervisor_id AND EXISTS (SELECT 1 FROM accounts_user u2 "
        "WHERE u2.id = s.user_id AND u2.is_active)))"
    ),
    # whoever signed the case's plans for the employment authority, while the open case
    # is shared with them (their office holds the client's consent in force)
    R.EMPLOYMENT_AUTHORITY: (
        _SELECT + "JOIN clients_case c ON c.id = r.case_id AND c.closed_on IS NULL "
        "JOIN plans_activationplan ap ON ap.case_id = c.id "
        "JOIN plans_signature sg ON sg.plan_id = ap.id AND sg.party = %(authority)s "
        "JOIN accounts_user u ON u.id = sg.recorded_by_id "
        f"WHERE u.is_active AND EXISTS (SELECT 1 FROM {CONSENTED}(%(today)s) v "
        f"JOIN {SHARE_ORGS}() o ON o.organization_id = v.organization_id "
        "WHERE v.case_id = c.id AND o.user_id = u.id)"
    ),
}


def _choose_recipients(today: datetime.date, case_ids: list[int] | None) -> None:
    """Per role one upsert that adds the valid recipients and stamps them, then one delete
    of that role's rows the stamp missed (they lost access, or the worker changed)."""
    only = "" if case_ids is None else " AND r.case_id = ANY(%(cases)s)"
    stamp = _clock()
    with connection.cursor() as cursor:
        for role, select in _RECIPIENTS.items():
            kinds = [rule.kind for rule in RULES if role in rule.recipients]
            params = {
                "kinds": kinds,
                "live": LIVE,
                "today": today,
                "authority": Party.EMPLOYMENT_AUTHORITY,
                "cases": case_ids,
                "role": role,
                "stamp": stamp,
            }
            valid = f"{select} AND r.status = 'open' AND r.kind = ANY(%(kinds)s){only}"
            cursor.execute(
                "INSERT INTO followup_reminderrecipient (reminder_id, user_id, role, matched_at) "
                f"SELECT v.reminder_id, v.user_id, %(role)s, %(stamp)s FROM ({valid}) v "
                "ON CONFLICT ON CONSTRAINT one_recipient_row DO UPDATE SET matched_at = %(stamp)s",
                params,
            )
            cursor.execute(
                "DELETE FROM followup_reminderrecipient x USING followup_reminder r "
                "WHERE x.reminder_id = r.id AND r.status = 'open' AND x.role = %(role)s "
                "AND x.matched_at < %(stamp)s" + only,
                params,
            )


@dataclass
class SweepResult:
    created: dict[str, int]
    resolved: dict[str, int]

    def __str__(self) -> str:
        made = sum(self.created.values())
        closed = sum(self.resolved.values())
        return f"{made} created, {closed} closed by themselves"


def sweep(today: datetime.date | None = None, case_ids: list[int] | None = None) -> SweepResult:
    """The daily sweep (also `manage.py send_reminders`). Each rule in its own transaction,
    so a worker killed mid-sweep leaves whole rules done; the task delivered again redoes
    the rest, and the unique key makes the done ones a no-op."""
    today = today or timezone.localdate()
    result = SweepResult(created={}, resolved={})
    stamp = _clock()
    for rule in RULES:
        with transaction.atomic():
            now = timezone.now()
            sql, params = rule.find(today, case_ids)
            created, resolved = _apply(rule, sql, params, case_ids, now, stamp=stamp, create=True)
            result.created[rule.kind], result.resolved[rule.kind] = created, resolved
    with transaction.atomic():
        _choose_recipients(today, case_ids)
    return result


def refresh(case_ids: Iterable[int], topic: str) -> int:
    """A matter of these cases changed: close at once the reminders it resolved (only the
    rules that read it and are not marked `later` for it; creating new ones is the daily
    sweep's). A supervisor's week save closes the days it recorded at once."""
    return refresh_rules(list(case_ids), _kinds(topic, later=False), timezone.localdate())


def refresh_later(case_ids: Iterable[int], topic: str) -> int:
    """The rules marked `later` for the topic, after the commit in the Celery worker
    (core.hooks.on_matter_changed_later): the social worker's rules (a case idle, absences
    in a row, the day limit) close within moments of a week save, which no longer pays
    for them (issue 15); the daily sweep redoes them all."""
    return refresh_rules(list(case_ids), _kinds(topic, later=True), timezone.localdate())


def _kinds(topic: str, *, later: bool) -> list[str]:
    return [r.kind for r in RULES if topic in r.topics and (topic in r.later) == later]


def refresh_rules(case_ids: list[int], kinds: list[str], today: datetime.date) -> int:
    """Close the reminders of these rules for these cases that no longer match.

    Only an open reminder can close, so one cheap look at the open ones (the partial index
    `open_reminders`) picks the rules worth running; with none open, as after most saves,
    that look is all (issue 15: the week save ran the clock, the rule and the close for
    nothing, planning the rule's SQL each time)."""
    if not kinds or not case_ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT kind FROM followup_reminder WHERE status = 'open' "
            "AND kind = ANY(%s) AND case_id = ANY(%s)",
            [kinds, case_ids],
        )
        open_kinds = {row[0] for row in cursor.fetchall()}
    if not open_kinds:
        return 0
    now = timezone.now()
    stamp = _clock()
    closed = 0
    for rule in RULES:
        if rule.kind in open_kinds:
            sql, params = rule.find(today, case_ids)
            closed += _apply(rule, sql, params, case_ids, now, stamp=stamp, create=False)[1]
    return closed


# --- closing by hand ---------------------------------------------------------------------


def reminder_done(*, user, reminder: Reminder) -> Reminder:
    return _close(user=user, reminder=reminder, status=ReminderStatus.DONE, reason="")


def reminder_dismiss(*, user, reminder: Reminder, reason: str) -> Reminder:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Kerro, miksi muistutus ohitetaan.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("Syy on enintään 300 merkkiä.")})
    return _close(user=user, reminder=reminder, status=ReminderStatus.DISMISSED, reason=reason)


@transaction.atomic
def _close(*, user, reminder: Reminder, status: str, reason: str) -> Reminder:
    locked = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if locked.status != ReminderStatus.OPEN:
        raise ValidationError(_("Muistutus on jo suljettu."))
    locked.status = status
    locked.dismiss_reason = reason
    locked.closed_at = timezone.now()
    locked.closed_by = user
    locked.save(update_fields=["status", "dismiss_reason", "closed_at", "closed_by"])
    return locked


# --- the daily digest ------------------------------------------------------------------


def send_digests(today: datetime.date | None = None) -> int:
    """One e-mail a day to each user with open reminders, in the user's language: a count
    per kind and a link, never a client's name or identity code. The day's row is claimed
    in the same transaction as the sending, so a second sweep that day sends nothing."""
    today = today or timezone.localdate()
    counts: dict[int, dict[str, int]] = {}
    rows = (
        ReminderRecipient.objects.filter(reminder__status=ReminderStatus.OPEN)
        .exclude(user__email="")
        .values_list("user", "reminder__kind")
        .annotate(n=Count("id"))
    )
    for user_id, kind, n in rows:
        counts.setdefault(user_id, {})[kind] = n
    already = set(
        ReminderDigest.objects.filter(sent_on=today, user__in=list(counts)).values_list(
            "user", flat=True
        )
    )
    users = get_user_model().objects.filter(pk__in=set(counts) - already, is_active=True)
    sent = 0
    for user in users:
        with transaction.atomic():
            _digest, claimed = ReminderDigest.objects.get_or_create(
                user=user,
                sent_on=today,
                defaults={"reminders": sum(counts[user.pk].values()), "sent_at": timezone.now()},
            )
            if not claimed:
                continue
            with translation.override(user.language or "fi"):
                kinds = sorted(
                    ((str(ReminderKind(kind).label), n) for kind, n in counts[user.pk].items()),
                    key=lambda item: -item[1],
                )
                context = {
                    "user": user,
                    "kinds": kinds,
                    "total": sum(n for _k, n in kinds),
                    "url": settings.KUTY_BASE_URL.rstrip("/") + "/",
                    "today": today,
                }
                subject = render_to_string("followup/digest_subject.txt", context).strip()
                body = render_to_string("followup/digest_email.txt", context)
            send_mail(subject, body, None, [user.email])  # fails: the claim rolls back
            sent += 1
    return sent

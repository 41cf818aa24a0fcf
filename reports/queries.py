# ruff: noqa: S608 - the SQL here is put together from constant fragments of this module
# only; every value (dates, ids, settings) is a query parameter.
"""The regional report's figures: each one set-based SQL over the other apps' tables.

Every query starts from the same scoped cases (`_CASES`): the cases of the organisers the
reader may see (or, for a provider, of the clients placed at its sites), narrowed by the
filters. The client's sex and age come from the henkilötunnus (the individual number's
parity, the birth date with its century sign), in SQL. Nothing here loops over rows in
Python; the answer is raw counts, which `reports.report` suppresses and labels.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core import law
from decisions.models import LIVE_STATUSES, POSITIVE_OUTCOMES
from placements.models import AbsenceReason

from .forms import AGE_GROUPS, Filters
from .scope import Scope

# A henkilötunnus-shaped identifier (a test or temporary one too): else no sex or age.
# (no braces: the SQL goes through str.format below)
HETU_SHAPED = "cl.hetu ~ '^" + "[0-9]" * 6 + "[-+A-FU-Y]" + "[0-9]" * 3 + "'"
# The birth date as the integer yyyymmdd, and the sex, once per client (a LATERAL row):
# the age on a day is then (day as yyyymmdd − birth) / 10000, in integers.
_BORN = (
    f"CASE WHEN {HETU_SHAPED} THEN (CASE WHEN substr(cl.hetu, 7, 1) = '+' THEN 1800 "
    "WHEN substr(cl.hetu, 7, 1) IN ('A', 'B', 'C', 'D', 'E', 'F') THEN 2000 ELSE 1900 END "
    "+ substr(cl.hetu, 5, 2)::int) * 10000 + substr(cl.hetu, 3, 2)::int * 100 "
    "+ substr(cl.hetu, 1, 2)::int END"
)
SEX = (
    f"CASE WHEN NOT {HETU_SHAPED} THEN NULL "
    "WHEN substr(cl.hetu, 8, 3)::int %% 2 = 1 THEN 'male' ELSE 'female' END"
)


def age_group_sql(age: str) -> str:
    parts = [f"WHEN {age} IS NULL THEN NULL"]
    for key, _label, _low, high in AGE_GROUPS:
        if high is None:
            parts.append(f"ELSE '{key}'")
        else:
            parts.append(f"WHEN {age} <= {high} THEN '{key}'")
    return "CASE " + " ".join(parts) + " END"


def as_int(day: datetime.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


AGE_AT = "(%(ref_int)s - x.born) / 10000"
AGE_AT_YEAR_END = "(%(year_end_int)s - x.born) / 10000"

# The scoped cases, with the client's attributes (sex, age group on the status day).
# NOT MATERIALIZED: each query reads only the columns it needs, with the indexes.
_CASES = (
    "cases AS NOT MATERIALIZED (SELECT c.id, c.client_id, c.municipality_id, c.phase, "
    f"c.opened_on, c.closed_on, x.sex, {age_group_sql(AGE_AT)} AS age_group, "
    f"{age_group_sql(AGE_AT_YEAR_END)} AS year_age_group, cl.language "
    "FROM clients_case c JOIN clients_client cl ON cl.id = c.client_id "
    f"CROSS JOIN LATERAL (SELECT {_BORN} AS born, {SEX} AS sex) x WHERE {{where}}), "
    "cf AS NOT MATERIALIZED (SELECT * FROM cases WHERE {client_where})"
)
# Without a filter on the client's attributes, most figures need no client row at all.
_CASES_ONLY = (
    "cf AS NOT MATERIALIZED (SELECT c.id, c.client_id, c.municipality_id, c.phase, "
    "c.opened_on, c.closed_on FROM clients_case c WHERE {where})"
)
# The scoped placements: of the scoped cases, at the scoped sites.
_PLACEMENTS = (
    "ps AS NOT MATERIALIZED (SELECT p.id, p.case_id, p.site_id, p.start_on, p.end_on, "
    "cf.client_id, cf.closed_on FROM placements_placement p JOIN cf ON cf.id = p.case_id "
    "WHERE {where})"
)


def _with(scope: Scope, filters: Filters, *, people: bool = False) -> tuple[str, dict]:
    """The WITH clause of the scoped cases (cf) and placements (ps), and its parameters;
    `people`: cf carries the client's sex and age groups (else only when filtered by)."""
    params: dict = {
        "ref_int": as_int(filters.status_day),
        "year_end_int": as_int(datetime.date(filters.end.year, 12, 31)),
        "year_end": datetime.date(filters.end.year, 12, 31),
        "start": filters.start,
        "end": filters.end,
        "today": filters.status_day,
    }
    where = ["TRUE"]
    placement_where = ["TRUE"]
    if scope.municipalities is not None:
        where.append("c.municipality_id = ANY(%(scope_municipalities)s)")
        params["scope_municipalities"] = list(scope.municipalities)
    if filters.municipality:
        where.append("c.municipality_id = %(municipality)s")
        params["municipality"] = filters.municipality
    sites_sql = []
    if scope.placed_at_sites:
        sites_sql.append("pp.site_id = ANY(%(scope_sites)s)")
        placement_where.append("p.site_id = ANY(%(scope_sites)s)")
        params["scope_sites"] = list(scope.sites)
    if filters.site:
        sites_sql.append("pp.site_id = %(site)s")
        placement_where.append("p.site_id = %(site)s")
        params["site"] = filters.site
    if filters.provider:
        provider = "(SELECT s.id FROM accounts_site s WHERE s.organization_id = %(provider)s)"
        sites_sql.append(f"pp.site_id IN {provider}")
        placement_where.append(f"p.site_id IN {provider}")
        params["provider"] = filters.provider
    if sites_sql:
        # a case counts through a placement at the sites (the provider's, or the filter's)
        where.append(
            "EXISTS (SELECT 1 FROM placements_placement pp WHERE pp.case_id = c.id AND "
            + " AND ".join(sites_sql)
            + ")"
        )
    client_where = ["TRUE"]
    for name in ("sex", "age_group", "language"):
        if getattr(filters, name):
            client_where.append(f"{name} = %({name})s")
            params[name] = getattr(filters, name)
    if people or len(client_where) > 1:
        sql = "WITH " + _CASES.format(
            where=" AND ".join(where), client_where=" AND ".join(client_where)
        )
    else:
        sql = "WITH " + _CASES_ONLY.format(where=" AND ".join(where))
    sql += ", " + _PLACEMENTS.format(where=" AND ".join(placement_where))
    return sql, params


def _rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def figures(scope: Scope, filters: Filters) -> dict:
    """Every figure of the report as raw numbers, in a few statements."""
    head, params = _with(scope, filters)
    params.update(
        {
            "idle": int(settings.KUTY_REMINDERS["case_idle"]),
            "limit": int(settings.KUTY_DAY_LIMIT),
            "window_start": law.window_start(filters.status_day),
            "now": timezone.localdate(),
            # open cases and their phase are today's: the overdue ones are counted today
            "assessment_late_before": law.assessment_overdue_opened_before(timezone.localdate()),
            "live": [str(s) for s in LIVE_STATUSES],
            "positive": [str(s) for s in POSITIVE_OUTCOMES],
            "horizon": filters.status_day + relativedelta(months=3),
            "projection_end": filters.status_day + datetime.timedelta(days=30),
            "holidays": list(
                law.public_holidays(
                    filters.status_day, filters.status_day + datetime.timedelta(days=30)
                )
            ),
            "year_start": datetime.date(filters.end.year, 1, 1),
            "scope_sites_all": list(scope.sites),
        }
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            # DESIGN.md: JIT compiling took most of a national-scale query's time; these
            # are many short aggregates, each faster than its compilation
            cursor.execute("SET LOCAL jit = off")
        return _all(head, params, filters, _with(scope, filters, people=True)[0])


def _all(head: str, params: dict, filters: Filters, people: str) -> dict:
    return {
        "clients": _clients(head, params),
        "referrals": _grouped(
            head,
            params,
            "SELECT r.source, count(*) FROM clients_referral r JOIN cf ON cf.id = r.case_id "
            "WHERE r.initiated_on BETWEEN %(start)s AND %(end)s GROUP BY r.source",
        ),
        "referral_reasons": _grouped(
            head,
            params,
            "SELECT reason, count(*) FROM clients_referral r JOIN cf ON cf.id = r.case_id, "
            "unnest(r.reasons) AS reason WHERE r.initiated_on BETWEEN %(start)s AND %(end)s "
            "GROUP BY reason",
        ),
        "phases": _grouped(
            head,
            params,
            "SELECT cf.phase, count(*) FROM cf WHERE cf.opened_on <= %(end)s "
            "AND (cf.closed_on IS NULL OR cf.closed_on >= %(start)s) GROUP BY cf.phase",
        ),
        "idle": _idle(head, params),
        **_attendance(head, params),
        "delays": _delays(head, params),
        "late_assessments": _late_assessments(head, params),
        "sites": _sites(head, params, filters),
        "closure_reasons": _grouped(
            head,
            params,
            "SELECT x.reason, count(*) FROM followup_closure x JOIN cf ON cf.id = x.case_id "
            "WHERE x.closed_on BETWEEN %(start)s AND %(end)s GROUP BY x.reason",
        ),
        "next_paths": _grouped(
            head,
            params,
            "SELECT x.next_path, count(*) FROM followup_closure x JOIN cf ON cf.id = x.case_id "
            "WHERE x.closed_on BETWEEN %(start)s AND %(end)s GROUP BY x.next_path",
        ),
        "capacity_change": _capacity_change(head, params),
        "day_limit": _day_limit(head, params),
        "annual": _annual(people, params),
    }


def _grouped(head: str, params: dict, select: str) -> dict[str, int]:
    return dict(_rows(f"{head} {select}", params))


def _clients(head: str, params: dict) -> dict[str, int]:
    sql = (
        f"{head} SELECT count(DISTINCT client_id) FILTER (WHERE start_on <= %(today)s "
        "AND end_on >= %(today)s AND (closed_on IS NULL OR closed_on >= %(today)s)), "
        "count(DISTINCT client_id) FILTER (WHERE start_on <= %(end)s AND end_on >= %(start)s "
        "AND (closed_on IS NULL OR closed_on >= %(start)s)) FROM ps"
    )
    on_day, during = _rows(sql, params)[0]
    return {"on_day": on_day, "during": during}


# Every record that shows someone worked on a case, and its day (as the reminders'
# rule `followup.reminders.case_idle` reads them).
_RECORDS = [
    ("clients_referral", "initiated_on"),
    ("clients_networkmeeting", "held_on"),
    ("clients_phasechange", "changed_at::date"),
    ("clients_responsibleworkerchange", "changed_on"),
    ("clients_attachment", "uploaded_at::date"),
    ("plans_assessment", "greatest(started_on, completed_on)"),
    ("plans_clientplan", "drawn_up_on"),
    ("plans_employmentplan", "drawn_up_on"),
    ("plans_activationplan", "updated_at::date"),
    ("decisions_decision", "created_at::date"),
    ("followup_evaluation", "evaluated_on"),
    ("followup_capacityassessment", "assessed_on"),
    ("followup_review", "held_on"),
]


def _idle(head: str, params: dict) -> int:
    """Open cases with nothing recorded for 60 days (the reminders' rule, a setting), today:
    a record's day is not kept for every kind, so this one is not asked of a past day.
    Set-based: the cases with any record after the cut-off, then the open ones without."""
    recent = " UNION ".join(
        f"SELECT case_id FROM {table} WHERE {day} > %(idle_cutoff)s" for table, day in _RECORDS
    )
    recent += (
        " UNION SELECT p.case_id FROM placements_placement p WHERE EXISTS (SELECT 1 FROM "
        "placements_attendance a WHERE a.placement_id = p.id AND a.day > %(idle_cutoff)s)"
    )
    sql = (
        f"{head}, recent AS ({recent}) SELECT count(*) FROM cf WHERE cf.closed_on IS NULL "
        "AND cf.opened_on <= %(idle_cutoff)s "
        "AND NOT EXISTS (SELECT 1 FROM recent WHERE recent.case_id = cf.id)"
    )
    cutoff = params["now"] - datetime.timedelta(days=params["idle"])
    return _rows(sql, {**params, "idle_cutoff": cutoff})[0][0]


def _attendance(head: str, params: dict) -> dict:
    """The period's marks, and the absences by Kela's reason: one pass over them."""
    reasons = [str(key) for key, _label in AbsenceReason.choices]
    by_reason = ", ".join(
        f"count(*) FILTER (WHERE a.status = 'absent' AND a.absence_reason = '{key}')"
        for key in reasons
    )
    sql = (
        f"{head} SELECT count(*) FILTER (WHERE a.status = 'present'), "
        "count(*) FILTER (WHERE a.status = 'absent'), "
        f"count(*) FILTER (WHERE a.status = 'no_service'), {by_reason} "
        "FROM placements_attendance a JOIN ps ON ps.id = a.placement_id "
        "WHERE a.day BETWEEN %(start)s AND %(end)s"
    )
    present, absent, no_service, *counts = _rows(sql, params)[0]
    return {
        "attendance": {"present": present, "absent": absent, "no_service": no_service},
        "absence_reasons": dict(zip(reasons, counts, strict=True)),
    }


# Each step of the process: the day it first happened, per case, set-based (GROUP BY
# over each table once; the first day present through each placement's own index).
_STEPS = (
    "referred AS (SELECT r.case_id AS id, min(r.initiated_on) AS day FROM clients_referral r "
    "JOIN cf ON cf.id = r.case_id GROUP BY r.case_id), "
    "assessed AS (SELECT a.case_id AS id, min(a.completed_on) AS day FROM plans_assessment a "
    "JOIN cf ON cf.id = a.case_id WHERE a.completed_on IS NOT NULL GROUP BY a.case_id), "
    "signed AS (SELECT case_id AS id, min(day) AS day FROM (SELECT ap.case_id, "
    "max(g.signed_on) AS day FROM plans_activationplan ap JOIN cf ON cf.id = ap.case_id "
    "JOIN plans_signature g ON g.plan_id = ap.id GROUP BY ap.case_id, ap.id "
    "HAVING count(DISTINCT g.party) = 3) s GROUP BY case_id), "
    "decided AS (SELECT d.case_id AS id, min(d.decided_on) AS day FROM decisions_decision d "
    "JOIN cf ON cf.id = d.case_id WHERE d.kind = 'grant' AND d.status <> 'draft' "
    "AND d.outcome = ANY(%(positive)s) AND d.decided_on IS NOT NULL GROUP BY d.case_id), "
    "first_day AS (SELECT p.case_id AS id, min(f.day) AS day FROM placements_placement p "
    "JOIN cf ON cf.id = p.case_id CROSS JOIN LATERAL (SELECT t.day FROM "
    "placements_attendance t WHERE t.placement_id = p.id AND t.status = 'present' "
    "ORDER BY t.day LIMIT 1) f GROUP BY p.case_id)"
)
DELAYS = [
    ("referral_assessment", "referred", "assessed"),
    ("assessment_plan", "assessed", "signed"),
    ("plan_decision", "signed", "decided"),
    ("decision_first_day", "decided", "first_day"),
]


def _delays(head: str, params: dict) -> dict[str, dict]:
    """Median and 90th percentile of the days each step took, of the steps that ended in
    the period (percentile_cont: the interpolated value, as the statistics use)."""
    selects = []
    for key, begin, finish in DELAYS:
        days = "e.day - b.day"
        selects.append(
            f"SELECT '{key}', count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY {days}), "
            f"percentile_cont(0.9) WITHIN GROUP (ORDER BY {days}) FROM {finish} e "
            f"JOIN {begin} b USING (id) WHERE e.day BETWEEN %(start)s AND %(end)s "
            "AND e.day >= b.day"
        )
    sql = f"{head}, {_STEPS} " + " UNION ALL ".join(selects)
    return {
        key: {"n": n, "median": median, "p90": p90} for key, n, median, p90 in _rows(sql, params)
    }


def _late_assessments(head: str, params: dict) -> dict[str, int]:
    """Social Welfare Act 36 §: assessments finished in the period later than three months
    from the case's opening, and open cases still waiting past that today."""
    sql = (
        f"{head} SELECT (SELECT count(*) FROM cf WHERE (SELECT min(a.completed_on) FROM "
        "plans_assessment a WHERE a.case_id = cf.id) BETWEEN %(start)s AND %(end)s AND "
        "(SELECT min(a.completed_on) FROM plans_assessment a WHERE a.case_id = cf.id) > "
        "(cf.opened_on + interval '3 months')::date), "
        "(SELECT count(*) FROM cf WHERE cf.closed_on IS NULL AND cf.phase IN "
        "('need_recognised', 'assessment') AND cf.opened_on < %(assessment_late_before)s)"
    )
    completed_late, waiting = _rows(sql, params)[0]
    return {"completed_late": completed_late, "waiting": waiting}


def _sites(head: str, params: dict, filters: Filters) -> list[dict]:
    """Per site: its places, placements in the period (the scoped clients'), the places
    held today and the most held on any day of the next three months (every organiser's
    live positive decisions hold a place: the site's own occupancy, as decisions count
    it). The three months are a running sum over the decisions' start and end events
    (a window function), not a scan per day."""
    where = ["s.id = ANY(%(scope_sites_all)s)"]
    if filters.site:
        where.append("s.id = %(site)s")
    if filters.provider:
        where.append("s.organization_id = %(provider)s")
    sql = (
        f"{head}, sites AS (SELECT s.id, s.name, s.capacity, s.organization_id FROM "
        f"accounts_site s WHERE {' AND '.join(where)}), "
        "live AS (SELECT d.site_id, d.start_on, d.end_on FROM decisions_decision d "
        "JOIN sites ON sites.id = d.site_id WHERE d.kind = 'grant' AND d.status = ANY(%(live)s) "
        "AND d.outcome = ANY(%(positive)s) AND d.end_on >= %(today)s "
        "AND d.start_on <= %(horizon)s), "
        "events AS (SELECT site_id, day, sum(delta) AS delta FROM ("
        "SELECT site_id, greatest(start_on, %(today)s::date + 1) AS day, 1 AS delta FROM live "
        "WHERE end_on > %(today)s UNION ALL SELECT site_id, end_on + 1, -1 FROM live "
        "WHERE end_on > %(today)s AND end_on < %(horizon)s) e GROUP BY site_id, day), "
        "running AS (SELECT site_id, sum(delta) OVER (PARTITION BY site_id ORDER BY day) AS n "
        "FROM events), "
        "ahead AS (SELECT site_id, max(n)::int AS n FROM running GROUP BY site_id), "
        "today AS (SELECT site_id, count(*) AS n FROM live WHERE start_on <= %(today)s "
        "GROUP BY site_id), "
        "placed AS (SELECT site_id, count(*) AS n FROM ps WHERE start_on <= %(end)s "
        "AND end_on >= %(start)s GROUP BY site_id) "
        "SELECT sites.id, sites.name, o.name, sites.capacity, coalesce(placed.n, 0), "
        "coalesce(today.n, 0), coalesce(ahead.n, 0) FROM sites "
        "JOIN accounts_organization o ON o.id = sites.organization_id "
        "LEFT JOIN placed ON placed.site_id = sites.id LEFT JOIN today ON today.site_id = sites.id "
        "LEFT JOIN ahead ON ahead.site_id = sites.id ORDER BY sites.name, sites.id"
    )
    return [
        {
            "id": site_id,
            "name": name,
            "provider": provider,
            "capacity": capacity,
            "placements": placements,
            "held_today": held_today,
            "held_max": held_max,
        }
        for site_id, name, provider, capacity, placements, held_today, held_max in _rows(
            sql, params
        )
    ]


def _capacity_change(head: str, params: dict) -> list[dict]:
    """Per domain: of the cases whose end self-assessment fell in the period and that have
    a start one, the mean change of the score (end minus start)."""
    sql = (
        f"{head}, firsts AS (SELECT DISTINCT ON (a.case_id) a.case_id, a.id FROM "
        "followup_capacityassessment a JOIN cf ON cf.id = a.case_id WHERE a.phase = 'start' "
        "ORDER BY a.case_id, a.assessed_on, a.id), lasts AS (SELECT DISTINCT ON (a.case_id) "
        "a.case_id, a.id FROM followup_capacityassessment a JOIN cf ON cf.id = a.case_id "
        "WHERE a.phase = 'end' AND a.assessed_on BETWEEN %(start)s AND %(end)s "
        "ORDER BY a.case_id, a.assessed_on DESC, a.id DESC) "
        "SELECT d.id, d.name, d.name_sv, d.name_en, count(e.score), avg(e.score - b.score) "
        "FROM followup_capacitydomain d LEFT JOIN (firsts JOIN lasts USING (case_id) "
        "JOIN followup_capacityscore b ON b.assessment_id = firsts.id "
        "JOIN followup_capacityscore e ON e.assessment_id = lasts.id) "
        "ON b.domain_id = d.id AND e.domain_id = d.id "
        "WHERE d.active GROUP BY d.id ORDER BY d.position, d.id"
    )
    return _domain_means(sql, params)


def _domain_means(sql: str, params: dict) -> list[dict]:
    """Rows of (domain id, its names, n, mean change) as the report reads them."""
    return [
        {"id": i, "names": {"fi": fi, "sv": sv, "en": en}, "n": n, "mean": mean}
        for i, fi, sv, en, n, mean in _rows(sql, params)
    ]


def _day_limit(head: str, params: dict) -> dict[str, int]:
    """Clients at the region's day limit in the 12 months ending on the status day, and
    those who reach it within 30 days at their planned schedule (public holidays and
    the site's closures are no days). Only clients within 30 days' reach are projected:
    at most 4 days a week (13 b §) makes at most 18 days in 30."""
    sql = (
        # marks of the window per case, a superset screen (count(*) ≥ distinct days):
        # only a client within 18 days of the limit is looked at day by day
        f"{head}, screen AS (SELECT p.case_id FROM placements_attendance a "
        "JOIN placements_placement p ON p.id = a.placement_id JOIN cf ON cf.id = p.case_id "
        "WHERE a.status = 'present' AND a.day BETWEEN %(window_start)s AND %(today)s "
        "GROUP BY p.case_id HAVING count(*) + 18 >= %(limit)s), "
        "present AS (SELECT DISTINCT p.case_id, a.day FROM placements_attendance a "
        "JOIN placements_placement p ON p.id = a.placement_id JOIN screen s "
        "ON s.case_id = p.case_id WHERE a.status = 'present' "
        "AND a.day BETWEEN %(window_start)s AND %(today)s), "
        "counts AS (SELECT case_id, count(*) AS n FROM present GROUP BY case_id), "
        "candidates AS (SELECT counts.case_id FROM counts JOIN cf ON cf.id = counts.case_id "
        "WHERE cf.closed_on IS NULL AND counts.n < %(limit)s AND counts.n + 18 >= %(limit)s), "
        "planned AS (SELECT DISTINCT p.case_id, g.day FROM placements_placement p "
        "JOIN candidates k ON k.case_id = p.case_id "
        "JOIN decisions_decision d ON d.id = p.decision_id, "
        "LATERAL (SELECT generate_series(%(today)s::date + 1, %(projection_end)s::date, "
        "interval '1 day')::date AS day) g "
        "WHERE d.status = ANY(%(live)s) AND g.day BETWEEN p.start_on AND p.end_on "
        "AND extract(isodow FROM g.day)::int = ANY(p.weekdays) "
        "AND NOT (g.day = ANY(%(holidays)s::date[])) AND NOT EXISTS (SELECT 1 FROM "
        "placements_siteclosure sc WHERE sc.site_id = p.site_id AND sc.day = g.day)), "
        "alldays AS (SELECT case_id, day FROM present WHERE case_id IN "
        "(SELECT case_id FROM candidates) UNION SELECT case_id, day FROM planned) "
        "SELECT (SELECT count(*) FROM counts JOIN cf ON cf.id = counts.case_id "
        "WHERE counts.n >= %(limit)s), "
        "(SELECT count(DISTINCT x.case_id) FROM planned x WHERE (SELECT count(*) FROM alldays y "
        "WHERE y.case_id = x.case_id AND y.day > (x.day - interval '12 months')::date "
        "AND y.day <= x.day) >= %(limit)s)"
    )
    reached, projected = _rows(sql, params)[0]
    return {"reached": reached, "projected": projected}


def _annual(head: str, params: dict) -> list[tuple]:
    """Clients during the year (of the period's end) per organising municipality, sex and
    age group (age at the year's end): the national statistics' figures."""
    sql = (
        f"{head} SELECT o.id, o.name, x.sex, x.year_age_group, count(DISTINCT x.client_id) "
        "FROM (SELECT DISTINCT cf.client_id, cf.municipality_id, cf.sex, cf.year_age_group "
        "FROM placements_placement p JOIN cf ON cf.id = p.case_id "
        "WHERE p.id IN (SELECT id FROM ps) AND p.start_on <= %(year_end)s "
        "AND p.end_on >= %(year_start)s "
        "AND (cf.closed_on IS NULL OR cf.closed_on >= %(year_start)s)) x "
        "JOIN accounts_organization o ON o.id = x.municipality_id "
        "GROUP BY o.id, o.name, x.sex, x.year_age_group ORDER BY o.name"
    )
    return _rows(sql, params)

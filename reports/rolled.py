# ruff: noqa: S608 - the SQL here is put together from constant fragments of this module
# only; every value (dates, ids, settings) is a query parameter.
"""The regional report's figures from the rollup tables (reports.models), as
`reports.queries.figures` computes them live: the same numbers, in a few scans of
small tables instead of the 5 M attendance marks (issue 13: under 300 ms nationally).

The case-level figures (referrals, phases, idle cases, delays, late assessments,
closures) are one statement over the scoped case facts, a GROUP BY per kind of row;
clients in service and the annual statistics are over the placement facts;
participation sums the whole months inside the period (per site and group, or per
placement when an age group is asked) and counts its first and last month from the day
masks ANDed with the period's days; the day limit's count comes from the same masks
(ORed per case), its 30-day projection live for the few cases it screens; site capacity
is live (already fast). `tests/reports/test_rollups.py` holds the
two paths equal on random data.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core import law
from decisions.models import LIVE_STATUSES, POSITIVE_OUTCOMES

from . import queries
from .forms import Filters
from .queries import DELAYS, _domain_means, _rows, age_group_sql, as_int
from .rollups import MARKS, REASONS
from .scope import Scope

FULL_MONTH = 2**31 - 1  # bits 0..30: days 1..31


def _month_masks(start: datetime.date, end: datetime.date, prefix: str) -> dict:
    """The first and last month of the days start..end and the masks of their days."""
    return {
        f"{prefix}_first": start.replace(day=1),
        f"{prefix}_first_mask": FULL_MONTH & ~((1 << (start.day - 1)) - 1),
        f"{prefix}_last": end.replace(day=1),
        f"{prefix}_last_mask": (1 << end.day) - 1,
    }


def _masked(column: str, prefix: str, alias: str = "a") -> str:
    return (
        f"bit_count(({column} & CASE WHEN {alias}.month = %({prefix}_first)s "
        f"THEN %({prefix}_first_mask)s ELSE {FULL_MONTH} END & CASE WHEN {alias}.month = "
        f"%({prefix}_last)s THEN %({prefix}_last_mask)s ELSE {FULL_MONTH} END)::bit(32))"
    )


def _where(scope: Scope, filters: Filters, params: dict) -> tuple[list[str], list[str]]:
    """The case keys' conditions (for alias t) and the placements' conditions: their site,
    and the case keys a placement row needs when its site is already the filter's (no
    case-level site condition: the placement itself is at an allowed site)."""
    case = ["TRUE"]
    if scope.municipalities is not None:
        case.append("t.municipality_id = ANY(%(scope_municipalities)s)")
        params["scope_municipalities"] = list(scope.municipalities)
    if filters.municipality:
        case.append("t.municipality_id = %(municipality)s")
        params["municipality"] = filters.municipality
    sites = []
    if scope.placed_at_sites:
        sites.append("s.id = ANY(%(scope_sites)s)")
        params["scope_sites"] = list(scope.sites)
    if filters.site:
        sites.append("s.id = %(site)s")
        params["site"] = filters.site
    if filters.provider:
        sites.append("s.organization_id = %(provider)s")
        params["provider"] = filters.provider
    placement = ["TRUE"]
    if sites:
        # one placement at a site meeting every condition (as the live EXISTS)
        allowed = f"ARRAY(SELECT s.id FROM accounts_site s WHERE {' AND '.join(sites)})"
        case.append(f"t.site_ids && {allowed}")
        placement.append(f"t.site_id = ANY({allowed})")
    if filters.sex:
        case.append("t.sex = %(sex)s")
        params["sex"] = filters.sex
    if filters.language:
        case.append("t.language = %(language)s")
        params["language"] = filters.language
    if filters.age_group:
        case.append(f"{age_group_sql('((%(ref_int)s - t.born) / 10000)')} = %(age_group)s")
        params["age_group"] = filters.age_group
    placement += [c for c in case if "site_ids" not in c and c != "TRUE"]
    return case, placement


def figures(scope: Scope, filters: Filters) -> dict:
    """Every figure of the report as raw numbers (the shape of queries.figures), and
    `as_of`: when the rollups were last rebuilt in full."""
    today = filters.status_day
    params: dict = {
        "ref_int": as_int(today),
        "year_end_int": as_int(datetime.date(filters.end.year, 12, 31)),
        "year_end": datetime.date(filters.end.year, 12, 31),
        "year_start": datetime.date(filters.end.year, 1, 1),
        "start": filters.start,
        "end": filters.end,
        "today": today,
        "now": timezone.localdate(),
        "idle_cutoff": timezone.localdate()
        - datetime.timedelta(days=int(settings.KUTY_REMINDERS["case_idle"])),
        "assessment_late_before": law.assessment_overdue_opened_before(timezone.localdate()),
        "limit": int(settings.KUTY_DAY_LIMIT),
        "window_start": law.window_start(today),
        "live": [str(s) for s in LIVE_STATUSES],
        "positive": [str(s) for s in POSITIVE_OUTCOMES],
        "horizon": today + relativedelta(months=3),
        "projection_end": today + datetime.timedelta(days=30),
        "holidays": list(law.public_holidays(today, today + datetime.timedelta(days=30))),
        "scope_sites_all": list(scope.sites),
        **_month_masks(filters.start, filters.end, "period"),
    }
    params.update(_month_masks(params["window_start"], today, "window"))
    case, placement = _where(scope, filters, params)
    case_sql = " AND ".join(case)
    cf = f"cf AS NOT MATERIALIZED (SELECT t.* FROM reports_casefact t WHERE {case_sql})"
    ps = (
        "ps AS NOT MATERIALIZED (SELECT t.* FROM reports_placementfact t "
        f"WHERE {' AND '.join(placement)})"
    )
    head = f"WITH {cf}, {ps}"
    with transaction.atomic():
        with connection.cursor() as cursor:
            # no JIT (DESIGN.md: compiling costs more than these short aggregates), the
            # sorts in memory, and no parallel workers: many short statements, where
            # workers would cost more to start than they save and take the cores of the
            # requests next to this one
            cursor.execute(
                "SET LOCAL jit = off; SET LOCAL work_mem = '32MB'; "
                "SET LOCAL max_parallel_workers_per_gather = 0"
            )
        result = _cases(head, params)
        result.update(
            {
                "clients": _clients(head, params),
                **_attendance(placement, params, by_age=bool(filters.age_group)),
                "sites": queries._sites(head, params, filters),
                "capacity_change": _capacity_change(case_sql, params),
                "day_limit": _day_limit(case_sql, params),
                "annual": _annual(head, params),
            }
        )
    return result


def _cases(head: str, params: dict) -> dict:
    """Every case-level figure in one statement over the scoped case facts: a branch per
    kind of row (the period's referrals, closures and each delay's ending step through
    their day's index; the cases alive in the period in one scan), grouped in SQL; the
    few grouped rows are summed into the figures here."""
    period = "BETWEEN %(start)s AND %(end)s"
    parts = [
        # referrals by source and by their (possibly several) reasons
        "SELECT 'referrals', referral_source, referral_reasons, count(*), NULL::float8, "
        f"NULL::float8 FROM cf WHERE referred_on {period} "
        "GROUP BY referral_source, referral_reasons",
        # the cases alive in the period by phase; of them the open ones idle and waiting
        "SELECT 'alive', phase, ARRAY[count(*) FILTER (WHERE opened_on <= %(end)s), "
        "count(*) FILTER (WHERE closed_on IS NULL AND opened_on <= %(idle_cutoff)s AND "
        "(last_record_on IS NULL OR last_record_on <= %(idle_cutoff)s)), "
        "count(*) FILTER (WHERE closed_on IS NULL AND phase IN ('need_recognised', "
        "'assessment') AND opened_on < %(assessment_late_before)s)]::varchar[], 0, NULL, "
        "NULL FROM cf WHERE closed_on IS NULL OR closed_on >= %(start)s GROUP BY phase",
        "SELECT 'closures', closure_reason, ARRAY[next_path], count(*), NULL, NULL FROM cf "
        f"WHERE closure_on {period} GROUP BY closure_reason, next_path",
        "SELECT 'late', 'completed_late', NULL, count(*), NULL, NULL FROM cf "
        f"WHERE assessed_on {period} AND assessed_on > (opened_on + interval '3 months')::date",
    ]
    for key, begin, finish in DELAYS:
        b, e = _STEP[begin], _STEP[finish]
        parts.append(
            f"SELECT 'delays', '{key}', NULL, count(*), percentile_cont(0.5) WITHIN GROUP "
            f"(ORDER BY {e} - {b}), percentile_cont(0.9) WITHIN GROUP (ORDER BY {e} - {b}) "
            f"FROM cf WHERE {e} {period} AND {e} >= {b}"
        )
    sql = f"{head} " + " UNION ALL ".join(f"({part})" for part in parts)
    result: dict = {
        "referrals": {},
        "referral_reasons": {},
        "phases": {},
        "idle": 0,
        "delays": {},
        "late_assessments": {"waiting": 0},
        "closure_reasons": {},
        "next_paths": {},
    }

    def add(figure: str, key, n: int) -> None:
        if n:
            result[figure][key] = result[figure].get(key, 0) + n

    for kind, key, values, n, median, p90 in _rows(sql, params):
        if kind == "referrals":
            add("referrals", key, n)
            for reason in values or []:
                add("referral_reasons", reason, n)
        elif kind == "alive":
            alive, idle, waiting = (int(v) for v in values)
            add("phases", key, alive)
            result["idle"] += idle
            result["late_assessments"]["waiting"] += waiting
        elif kind == "closures":
            add("closure_reasons", key, n)
            add("next_paths", values[0], n)
        elif kind == "late":
            result["late_assessments"][key] = n
        else:
            result["delays"][key] = {"n": n, "median": median, "p90": p90}
    return result


_STEP = {
    "referred": "referred_on",
    "assessed": "assessed_on",
    "signed": "signed_on",
    "decided": "decided_on",
    "first_day": "first_day",
}


def _clients(head: str, params: dict) -> dict[str, int]:
    sql = (
        f"{head} SELECT count(DISTINCT client_id) FILTER (WHERE start_on <= %(today)s "
        "AND end_on >= %(today)s AND (closed_on IS NULL OR closed_on >= %(today)s)), "
        "count(DISTINCT client_id) FILTER (WHERE start_on <= %(end)s AND end_on >= %(start)s "
        "AND (closed_on IS NULL OR closed_on >= %(start)s)) FROM ps"
    )
    on_day, during = _rows(sql, params)[0]
    return {"on_day": on_day, "during": during}


def _attendance(placement: list[str], params: dict, *, by_age: bool) -> dict:
    """The months inside the period from the month counts (summed per site and group
    unless an age group is asked: the birth date is only on the placements' rows), its
    first and last month from the day masks (ANDed with the period's days)."""
    where = " AND ".join(placement)
    inner = ", ".join(f"coalesce(sum(t.{m}_n), 0)::bigint" for m in MARKS)
    inner_table = "reports_attendancemonth" if by_age else "reports_attendancegroupmonth"
    edges = ", ".join(
        f"coalesce(sum({_masked(f't.{m}', 'period', 't')}), 0)::bigint" for m in MARKS
    )
    sql = (
        f"SELECT {inner} FROM {inner_table} t WHERE {where} "
        "AND t.month > %(period_first)s AND t.month < %(period_last)s "
        f"UNION ALL SELECT {edges} FROM reports_attendancemonth t WHERE {where} "
        "AND t.month IN (%(period_first)s, %(period_last)s)"
    )
    inside, edge = _rows(sql, params)
    present, absent, no_service, *counts = [a + b for a, b in zip(inside, edge, strict=True)]
    return {
        "attendance": {"present": present, "absent": absent, "no_service": no_service},
        "absence_reasons": dict(zip(REASONS, counts, strict=True)),
    }


def _capacity_change(case_sql: str, params: dict) -> list[dict]:
    """The latest end self-assessment of the period per case, against the case's first
    start one, per active domain."""
    sql = (
        "WITH x AS (SELECT t.domain_id, count(t.end_score) AS n, "
        "avg(t.end_score - t.start_score) AS mean FROM reports_capacitychange t "
        f"WHERE {case_sql} AND t.assessed_on BETWEEN %(start)s AND %(end)s "
        "AND (t.next_on IS NULL OR t.next_on > %(end)s) GROUP BY t.domain_id) "
        "SELECT d.id, d.name, d.name_sv, d.name_en, coalesce(x.n, 0), x.mean "
        "FROM followup_capacitydomain d LEFT JOIN x ON x.domain_id = d.id "
        "WHERE d.active ORDER BY d.position, d.id"
    )
    return _domain_means(sql, params)


def _day_limit(case_sql: str, params: dict) -> dict[str, int]:
    """The days present in the 12 months ending on the status day per case, from the
    month masks (the days of a case's placements ORed: a day counts once); the 30-day
    projection as live, for the few open cases within 18 days of the limit."""
    sql = (
        "WITH counts AS (SELECT case_id, max(closed_on) AS closed_on, sum(n) AS n FROM "
        f"(SELECT t.case_id, t.closed_on, {_masked('bit_or(t.present)', 'window', 't')} AS n "
        f"FROM reports_attendancemonth t WHERE {case_sql} AND t.present_days >= %(limit)s - 18 "
        "AND t.month BETWEEN %(window_first)s AND %(window_last)s "
        "GROUP BY t.case_id, t.closed_on, t.month) m GROUP BY case_id), "
        "candidates AS (SELECT case_id FROM counts WHERE closed_on IS NULL "
        "AND n < %(limit)s AND n + 18 >= %(limit)s), "
        "present AS (SELECT DISTINCT p.case_id, a.day FROM placements_attendance a "
        "JOIN placements_placement p ON p.id = a.placement_id JOIN candidates k "
        "ON k.case_id = p.case_id WHERE a.status = 'present' "
        "AND a.day BETWEEN %(window_start)s AND %(today)s), "
        "planned AS (SELECT DISTINCT p.case_id, g.day FROM placements_placement p "
        "JOIN candidates k ON k.case_id = p.case_id "
        "JOIN decisions_decision d ON d.id = p.decision_id, "
        "LATERAL (SELECT generate_series(%(today)s::date + 1, %(projection_end)s::date, "
        "interval '1 day')::date AS day) g "
        "WHERE d.status = ANY(%(live)s) AND g.day BETWEEN p.start_on AND p.end_on "
        "AND extract(isodow FROM g.day)::int = ANY(p.weekdays) "
        "AND NOT (g.day = ANY(%(holidays)s::date[])) AND NOT EXISTS (SELECT 1 FROM "
        "placements_siteclosure sc WHERE sc.site_id = p.site_id AND sc.day = g.day)), "
        "alldays AS (SELECT case_id, day FROM present UNION SELECT case_id, day FROM planned) "
        "SELECT (SELECT count(*) FROM counts WHERE n >= %(limit)s), "
        "(SELECT count(DISTINCT x.case_id) FROM planned x WHERE (SELECT count(*) FROM alldays y "
        "WHERE y.case_id = x.case_id AND y.day > (x.day - interval '12 months')::date "
        "AND y.day <= x.day) >= %(limit)s)"
    )
    reached, projected = _rows(sql, params)[0]
    return {"reached": reached, "projected": projected}


def _annual(head: str, params: dict) -> list[tuple]:
    year_age_group = age_group_sql("((%(year_end_int)s - ps.born) / 10000)")
    sql = (
        # the rows are distinct per client within a group: count(*) is count(DISTINCT)
        f"{head} SELECT o.id, o.name, x.sex, x.year_age_group, count(*) "
        "FROM (SELECT DISTINCT ps.client_id, ps.municipality_id, ps.sex, "
        f"{year_age_group} AS year_age_group FROM ps WHERE ps.start_on <= %(year_end)s "
        "AND ps.end_on >= %(year_start)s "
        "AND (ps.closed_on IS NULL OR ps.closed_on >= %(year_start)s)) x "
        "JOIN accounts_organization o ON o.id = x.municipality_id "
        "GROUP BY o.id, o.name, x.sex, x.year_age_group ORDER BY o.name"
    )
    return _rows(sql, params)

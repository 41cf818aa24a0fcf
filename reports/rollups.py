# ruff: noqa: S608 - the SQL here is put together from constant fragments of this module
# only; every value (dates, ids) is a query parameter.
"""Keeping the rollup tables (reports.models) in step with the other apps' tables.

One SQL definition per table, run either for every case (`refresh_all`: the nightly
Celery beat task, `manage.py refresh_report_rollups`, the seed commands) or for the cases
a write touched (`refresh_cases`: a `core.hooks` later listener, run by the Celery worker
after the write's commit). Both are
set-based INSERT … SELECT; a full rebuild empties (DELETE) and refills the tables in one
transaction per organiser (municipality), so a report asked meanwhile reads the previous
figures and never waits (a TRUNCATE would lock every reader out for the ~20–40 s of a
national rebuild). An advisory lock per organiser keeps a case's incremental refresh from
interleaving with the rebuild of its organiser's rows: a save in one region never waits
for another region's rebuild (issue 30).

No request rebuilds: a report asked before the first rebuild says the figures are being
prepared and queues the Celery task (`request_rebuild`).
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from decisions.models import POSITIVE_OUTCOMES
from placements.models import AbsenceReason

from .models import RollupState
from .queries import _BORN, _RECORDS, SEX

log = logging.getLogger(__name__)

# pg_advisory_xact_lock(LOCK, organiser id): the rollups of one organiser's cases
LOCK = 7_313_013
# a queued first rebuild, asked by a report before the rollups exist (seconds kept)
QUEUED_KEY, QUEUED_FOR = "reports:rollups:queued", 15 * 60
REASONS = [str(key) for key, _label in AbsenceReason.choices]
KEYS = (
    "case_id, client_id, municipality_id, site_ids, born, sex, language, opened_on, closed_on, "
    "present_days"
)
# the rollup keys as copied from the case's fact row (alias f)
F_KEYS = ", ".join(f"f.{k.strip()}" for k in KEYS.split(","))

# Every record that shows someone worked on a case (queries._RECORDS, the reminders' rule):
# the last of them is the case's last record.
_LAST_RECORD = (
    "(SELECT max(day) FROM ("
    + " UNION ALL ".join(
        f"SELECT max({day}) AS day FROM {table} WHERE case_id = c.id" for table, day in _RECORDS
    )
    + " UNION ALL SELECT max(a.day) FROM placements_placement p JOIN placements_attendance a "
    "ON a.placement_id = p.id WHERE p.case_id = c.id) r)"
)

CASE_FACTS = (
    f"INSERT INTO reports_casefact ({KEYS}, phase, referred_on, referral_source, "
    "referral_reasons, assessed_on, signed_on, decided_on, first_day, last_record_on, "
    "closure_on, closure_reason, next_path) "
    "SELECT c.id, c.client_id, c.municipality_id, coalesce((SELECT array_agg(DISTINCT "
    "p.site_id ORDER BY p.site_id) FROM placements_placement p WHERE p.case_id = c.id), "
    "'{{}}'), x.born, x.sex, cl.language, c.opened_on, c.closed_on, "
    "(SELECT count(DISTINCT a.day) FROM placements_placement p JOIN placements_attendance a "
    "ON a.placement_id = p.id WHERE p.case_id = c.id AND a.status = 'present'), c.phase, "
    "r.initiated_on, r.source, r.reasons, "
    "(SELECT min(a.completed_on) FROM plans_assessment a WHERE a.case_id = c.id), "
    "(SELECT min(day) FROM (SELECT max(g.signed_on) AS day FROM plans_activationplan ap "
    "JOIN plans_signature g ON g.plan_id = ap.id WHERE ap.case_id = c.id GROUP BY ap.id "
    "HAVING count(DISTINCT g.party) = 3) s), "
    "(SELECT min(d.decided_on) FROM decisions_decision d WHERE d.case_id = c.id "
    "AND d.kind = 'grant' AND d.status <> 'draft' AND d.outcome = ANY(%(positive)s)), "
    "(SELECT min(f.day) FROM placements_placement p CROSS JOIN LATERAL (SELECT t.day FROM "
    "placements_attendance t WHERE t.placement_id = p.id AND t.status = 'present' "
    "ORDER BY t.day LIMIT 1) f WHERE p.case_id = c.id), "
    f"{_LAST_RECORD}, z.closed_on, z.reason, z.next_path "
    "FROM clients_case c JOIN clients_client cl ON cl.id = c.client_id "
    f"CROSS JOIN LATERAL (SELECT {_BORN} AS born, {SEX} AS sex) x "
    "LEFT JOIN clients_referral r ON r.case_id = c.id "
    "LEFT JOIN followup_closure z ON z.case_id = c.id WHERE {cases} "
    # in the order of the days the figures ask by: a period's rows lie together
    "ORDER BY c.opened_on, c.id"
)

PLACEMENT_FACTS = (
    f"INSERT INTO reports_placementfact ({KEYS}, placement_id, site_id, start_on, end_on) "
    f"SELECT {F_KEYS}, p.id, p.site_id, p.start_on, p.end_on FROM placements_placement p "
    "JOIN reports_casefact f ON f.case_id = p.case_id WHERE {cases} ORDER BY p.start_on, p.id"
)


def _bits(condition: str) -> str:
    return (
        f"coalesce(bit_or(1 << (extract(day FROM a.day)::int - 1)) FILTER (WHERE {condition}), 0)"
    )


MARKS = ["present", "absent", "no_service", *REASONS]
_CONDITIONS = [
    "a.status = 'present'",
    "a.status = 'absent'",
    "a.status = 'no_service'",
    *[f"a.status = 'absent' AND a.absence_reason = '{r}'" for r in REASONS],
]
ATTENDANCE_MONTHS = (
    f"INSERT INTO reports_attendancemonth ({KEYS}, placement_id, site_id, month, "
    f"{', '.join(MARKS)}, {', '.join(f'{m}_n' for m in MARKS)}) "
    f"SELECT {F_KEYS}, p.id, p.site_id, date_trunc('month', a.day)::date, "
    + ", ".join(_bits(c) for c in _CONDITIONS)
    + ", "
    + ", ".join(f"count(*) FILTER (WHERE {c})" for c in _CONDITIONS)
    + " FROM placements_attendance a JOIN placements_placement p ON p.id = a.placement_id "
    "JOIN reports_casefact f ON f.case_id = p.case_id WHERE {cases} "
    "GROUP BY f.case_id, p.id, date_trunc('month', a.day) "
    "ORDER BY date_trunc('month', a.day), p.site_id, p.id"
)

# Each end self-assessment with the case's first start one: its score pairs per domain
# (a row with no domain when there are none, so the latest end one still counts as the
# case's latest, as the live figure picks it).
CAPACITY_CHANGES = (
    f"INSERT INTO reports_capacitychange ({KEYS}, assessment_id, assessed_on, next_on, "
    f"domain_id, start_score, end_score) SELECT {F_KEYS}, l.id, l.assessed_on, "
    "(SELECT n.assessed_on FROM followup_capacityassessment n WHERE n.case_id = l.case_id "
    "AND n.phase = 'end' AND (n.assessed_on, n.id) > (l.assessed_on, l.id) "
    "ORDER BY n.assessed_on, n.id LIMIT 1), s.domain_id, s.b, s.e "
    "FROM followup_capacityassessment l JOIN reports_casefact f ON f.case_id = l.case_id "
    "LEFT JOIN LATERAL (SELECT a.id FROM followup_capacityassessment a "
    "WHERE a.case_id = l.case_id AND a.phase = 'start' ORDER BY a.assessed_on, a.id "
    "LIMIT 1) st ON TRUE "
    "LEFT JOIN LATERAL (SELECT b.domain_id, b.score AS b, e.score AS e FROM "
    "followup_capacityscore b JOIN followup_capacityscore e ON e.domain_id = b.domain_id "
    "WHERE b.assessment_id = st.id AND e.assessment_id = l.id) s ON TRUE "
    "WHERE l.phase = 'end' AND {cases} ORDER BY l.assessed_on, l.id"
)

TABLES = [
    ("reports_casefact", CASE_FACTS, "c.id"),
    ("reports_placementfact", PLACEMENT_FACTS, "p.case_id"),
    ("reports_attendancemonth", ATTENDANCE_MONTHS, "p.case_id"),
    ("reports_capacitychange", CAPACITY_CHANGES, "l.case_id"),
]


GROUP_KEYS = "month, site_id, municipality_id, sex, language"
GROUP_SUMS = ", ".join(f"{m}_n" for m in MARKS)
ATTENDANCE_GROUPS = (
    f"INSERT INTO reports_attendancegroupmonth ({GROUP_KEYS}, {GROUP_SUMS}) "
    f"SELECT {GROUP_KEYS}, {', '.join(f'sum({m}_n)' for m in MARKS)} "
    "FROM reports_attendancemonth t WHERE {groups} GROUP BY "
    + GROUP_KEYS
    + " ORDER BY month, site_id"
)
# the groups of these keys (arrays of each key, side by side)
_KEYED = (
    "({keys}) IN (SELECT k.month, k.site_id, k.municipality_id, k.sex, k.language FROM "
    "unnest(%(g_month)s::date[], %(g_site)s::bigint[], %(g_municipality)s::bigint[], "
    "%(g_sex)s::varchar[], %(g_language)s::varchar[]) AS k(month, site_id, "
    "municipality_id, sex, language))"
)


def _groups_of(cursor, ids: list[int]) -> set[tuple]:
    cursor.execute(
        f"SELECT DISTINCT {GROUP_KEYS} FROM reports_attendancemonth WHERE case_id = ANY(%s)",
        [ids],
    )
    return set(cursor.fetchall())


def _resum_groups(cursor, groups: set[tuple]) -> None:
    """Re-sum these groups from the per-placement rows (sex may be NULL: compared with
    IS NOT DISTINCT FROM, through a coalesce both sides)."""
    if not groups:
        return
    columns = list(zip(*sorted(groups, key=str), strict=True))
    params = {
        f"g_{name}": list(values)
        for name, values in zip(
            ["month", "site", "municipality", "sex", "language"], columns, strict=True
        )
    }
    keys = "month, site_id, municipality_id, coalesce(sex, ''), language"
    keyed = _KEYED.format(keys=keys).replace("k.sex,", "coalesce(k.sex, ''),")
    # the sites' and months' rows first (their index), then the exact groups
    keyed = f"site_id = ANY(%(g_site)s) AND month = ANY(%(g_month)s) AND {keyed}"
    cursor.execute(f"DELETE FROM reports_attendancegroupmonth WHERE {keyed}", params)
    cursor.execute(ATTENDANCE_GROUPS.format(groups=keyed), params)


GROUPS = "reports_attendancegroupmonth"
ALL_TABLES = [*(table for table, _insert, _key in TABLES), GROUPS]


def _params() -> dict:
    return {"positive": [str(s) for s in POSITIVE_OUTCOMES]}


def _lock_organisers(cursor, organisers) -> None:
    """Take the organisers' rollup locks, in order (two refreshes never deadlock)."""
    cursor.execute(
        "SELECT count(pg_advisory_xact_lock(%s, m)) FROM "
        "(SELECT DISTINCT m FROM unnest(%s::int[]) m ORDER BY m) o",
        [LOCK, sorted(set(organisers))],
    )


def organisers() -> list[int]:
    """Every organiser with a case, or with rollup rows left from an earlier rebuild."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT municipality_id FROM clients_case UNION "
            "SELECT municipality_id FROM reports_casefact ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def refresh_organiser(organiser: int) -> None:
    """Rebuild one organiser's rollup rows in one transaction, under its lock only."""
    params = {**_params(), "m": organiser}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        _lock_organisers(cursor, [organiser])
        # DELETE, not TRUNCATE: readers go on with the old rows until this commits
        for table in reversed(ALL_TABLES):
            cursor.execute(f"DELETE FROM {table} WHERE municipality_id = %(m)s", params)
        for table, insert, _key in TABLES:
            alias = "c" if table == "reports_casefact" else "f"
            cursor.execute(insert.format(cases=f"{alias}.municipality_id = %(m)s"), params)
        cursor.execute(ATTENDANCE_GROUPS.format(groups="t.municipality_id = %(m)s"), params)


def refresh_all(*, verbose: bool = False) -> float:
    """Rebuild every rollup row, organiser by organiser; the seconds it took."""
    started = time.perf_counter()
    for organiser in organisers():
        step = time.perf_counter()
        refresh_organiser(organiser)
        if verbose:
            print(f"[rollups] organiser {organiser}: {time.perf_counter() - step:.1f} s",
                  flush=True)  # fmt: skip
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reports_rollupstate (id, refreshed_at, seconds) VALUES (1, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at, "
            "seconds = EXCLUDED.seconds",
            [timezone.now(), time.perf_counter() - started],
        )
    cache.delete(QUEUED_KEY)
    # The previous generation's rows are dead now. Autovacuum clears them soon after a
    # rebuild (deleting every row is far past its threshold); where it is off, as on the
    # bench's server, each rebuild left a whole generation behind (issue 15: the report
    # slowed 166 → 210 ms and the rebuild 18 → 26 s over three bench runs). So VACUUM them
    # here too (and set the new rows' hint bits and visibility), then refresh the
    # statistics. Only the tables' owner may: the application's role, which owns nothing
    # (core.dbroles), is warned and skips, and autovacuum does it as before. VACUUM cannot
    # run inside a transaction (a test's): ANALYZE only, then.
    maintenance = "VACUUM (ANALYZE)" if connection.get_autocommit() else "ANALYZE"
    for table in ALL_TABLES:
        with connection.cursor() as cursor:
            cursor.execute(f"{maintenance} {table}")
    return time.perf_counter() - started


def request_rebuild() -> bool:
    """Queue the full rebuild for the Celery worker (once in QUEUED_FOR, after the asking
    transaction commits); never run it here. True when this call queued it."""
    if not cache.add(QUEUED_KEY, timezone.now().isoformat(), QUEUED_FOR):
        return False
    from .tasks import refresh_rollups

    transaction.on_commit(refresh_rollups.delay)
    return True


def refresh_cases(case_ids) -> None:
    """Re-compute the rollup rows of these cases (and only theirs)."""
    ids = sorted({int(pk) for pk in case_ids})
    if not ids:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        # the cases' organisers now and in the rollups (a case moved from another one)
        cursor.execute(
            "SELECT municipality_id FROM clients_case WHERE id = ANY(%(ids)s) UNION "
            "SELECT municipality_id FROM reports_casefact WHERE case_id = ANY(%(ids)s)",
            {"ids": ids},
        )
        _lock_organisers(cursor, [row[0] for row in cursor.fetchall()])
        groups = _groups_of(cursor, ids)
        for table, _insert, _key in reversed(TABLES):
            cursor.execute(f"DELETE FROM {table} WHERE case_id = ANY(%(ids)s)", {"ids": ids})
        for _table, insert, key in TABLES:
            cursor.execute(insert.format(cases=f"{key} = ANY(%(ids)s)"), {**_params(), "ids": ids})
        # the cases' groups before and after: re-summed from the per-placement rows
        _resum_groups(cursor, groups | _groups_of(cursor, ids))


def on_matter_changed(case_ids: list[int], _topic: str) -> None:
    """core.hooks later listener: in the worker, after the write commits, re-compute the
    touched cases' rows (~40 ms; the request that wrote does not pay for it)."""
    refresh_cases(case_ids)


def refreshed_at():
    state = RollupState.objects.filter(pk=1).only("refreshed_at").first()
    return state.refreshed_at if state else None

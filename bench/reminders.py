"""Benchmark: the daily reminder sweep over national-scale open cases.

Seeds (once per size, set-based SQL) a bench database with N open cases across 20
municipalities: 40 % with an activation plan in force, 30 % with a decision in force and
a placement with six weeks of attendance (some days left unrecorded, some unexplained
absences), 20 % with a review date; then times the sweep (the first run creates the
reminders, the reruns find nothing new) and counts its queries.

Budget (issue 12): the sweep over 100 000 open cases under 30 s; the query count does
not grow with the number of cases.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

BUDGET_SECONDS = 30.0
MUNICIPALITIES = 20
WORKERS_PER_MUNICIPALITY = 100
SITES = 300


def _scalar(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def seeded_size() -> int:
    return _scalar("SELECT count(*) FROM clients_case WHERE closed_on IS NULL")


def seed(cases: int) -> float:
    """Set-based: a few INSERT … SELECT generate_series statements per table."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import Membership, Organization, Role, Site, User
    from plans.models import PlanType
    from plans.plan_types import ensure_plan_types

    started = time.perf_counter()
    today = timezone.localdate()
    ensure_plan_types(PlanType)
    plan_type = PlanType.objects.first()
    provider = Organization.objects.create(name="Bench provider", kind="provider")
    towns = Organization.objects.bulk_create(
        Organization(name=f"Bench {i}", kind="municipality", municipality_code=f"{900 + i}")
        for i in range(MUNICIPALITIES)
    )
    sites = Site.objects.bulk_create(
        Site(
            organization=provider,
            municipality=towns[i % MUNICIPALITIES],
            name=f"Bench site {i}",
            street_address="Katu 1",
            postal_code="60100",
            post_office="Seinäjoki",
            kinds_of_work=["puutyö"],
            capacity=400,
            languages=["fi"],
        )
        for i in range(SITES)
    )
    password = make_password("bench")
    workers = User.objects.bulk_create(
        User(username=f"bench-sw-{t}-{w}", password=password, email=f"sw{t}.{w}@bench.invalid")
        for t in range(MUNICIPALITIES)
        for w in range(WORKERS_PER_MUNICIPALITY)
    )
    Membership.objects.bulk_create(
        Membership(
            user=u, organization=towns[i // WORKERS_PER_MUNICIPALITY], role=Role.SOCIAL_WORKER
        )
        for i, u in enumerate(workers)
    )
    supervisors = User.objects.bulk_create(
        User(username=f"bench-sup-{i}", password=password, email=f"sup{i}@bench.invalid")
        for i in range(SITES)
    )
    memberships = Membership.objects.bulk_create(
        Membership(user=u, organization=provider, role=Role.SUPERVISOR) for u in supervisors
    )
    Membership.sites.through.objects.bulk_create(
        Membership.sites.through(membership=m, site=s)
        for m, s in zip(memberships, sites, strict=True)
    )
    town_ids = [t.pk for t in towns]
    first_worker = workers[0].pk
    first_site = sites[0].pk
    params = {
        "n": cases,
        "towns": town_ids,
        "m": MUNICIPALITIES,
        "w": WORKERS_PER_MUNICIPALITY,
        "first_worker": first_worker,
        "first_site": first_site,
        "sites": SITES,
        "today": today,
        "plan_type": plan_type.pk,
    }
    statements = [
        # clients and their open cases, the registrar being the case's municipality
        """INSERT INTO clients_client (hetu, first_names, last_name, phone, email,
            street_address, postal_code, post_office, language, interpreter_needed,
            support_person, created_at, home_municipality_id, registrar_id)
           SELECT 'B' || lpad(g::text, 10, '0'), 'Bench', 'Client ' || g, '', '', '', '', '',
            'fi', false, '', now(), (%(towns)s::bigint[])[1 + g %% %(m)s],
            (%(towns)s::bigint[])[1 + g %% %(m)s]
           FROM generate_series(1, %(n)s) g""",
        """INSERT INTO clients_case (phase, opened_on, municipality_id, responsible_worker_id,
            client_id)
           SELECT CASE WHEN g %% 10 < 3 THEN 'in_service' WHEN g %% 10 < 4 THEN 'decision'
                       WHEN g %% 10 < 7 THEN 'planning' ELSE 'assessment' END,
            %(today)s::date - (g %% 1500), c.registrar_id,
            %(first_worker)s + (g %% %(m)s) * %(w)s + (g / %(m)s) %% %(w)s, c.id
           FROM clients_client c JOIN LATERAL (SELECT substr(c.hetu, 2)::int AS g) x ON true
           WHERE c.hetu LIKE 'B%%'""",
        # activation plans in force for 40 %: item 6's date spread around today
        """INSERT INTO plans_activationplan (version, state, education_and_work_history,
            earlier_services_effect, earlier_plans_realised, measures, includes_kuty, kuty_goal,
            days_per_week, hours_per_day, start_on, length_months, support_and_guidance,
            other_services, assessment_due_on, interruption_event, hearing_summary, created_at,
            updated_at, case_id, created_by_id, plan_type_id)
           SELECT 1, 'in_force', 'x', 'x', 'x', 'x', true, 'x', 3, 4,
            k.opened_on, 6, 'x', 'x', %(today)s::date + (k.id %% 200)::int - 100, '', '', now(),
            now() - interval '1 day' * (k.id %% 90), k.id, k.responsible_worker_id,
            %(plan_type)s
           FROM clients_case k WHERE k.phase IN ('in_service', 'decision')""",
        # decisions in force with a placement for 30 %
        """INSERT INTO decisions_decision (status, outcome, legal_basis, weekdays,
            travel_compensation, allowance_kind, reasons, schedule_difference_reason,
            contact_phone, language, pdf, created_at, authority_id, case_id, contact_person_id,
            created_by_id, kind, decided_on, site_id, start_on, end_on, hours_per_day,
            decision_maker_id, plan_id)
           SELECT 'in_force', 'positive', 'x', '{1,3,5}', '', 'kulukorvaus', 'x', '', '', 'fi',
            '', now(), k.municipality_id, k.id, k.responsible_worker_id,
            k.responsible_worker_id, 'grant', %(today)s::date - (k.id %% 150)::int - 7,
            %(first_site)s + k.id %% %(sites)s, %(today)s::date - (k.id %% 150)::int,
            %(today)s::date - (k.id %% 150)::int + 180, 4, k.responsible_worker_id, p.id
           FROM clients_case k JOIN plans_activationplan p ON p.case_id = k.id
           WHERE k.phase = 'in_service'""",
        """INSERT INTO placements_placement (client_name, client_info, start_on, end_on,
            weekdays, hours_per_day, goals, contacts, notice_sent_on, notice_pdf, created_at,
            case_id, decision_id, notice_sent_by_id, site_id)
           SELECT 'Bench client', '', d.start_on, d.end_on, d.weekdays, 4, 'x', 'x',
            d.start_on, '', now(), d.case_id, d.id, d.created_by_id, d.site_id
           FROM decisions_decision d WHERE d.reasons = 'x'""",
        # six weeks of attendance: every 7th placement leaves its days unrecorded, every
        # 11th has unexplained absences
        """INSERT INTO placements_attendance (day, status, hours, absence_reason, diary,
            recorded_at, placement_id, recorded_by_id)
           SELECT g::date,
            CASE WHEN p.id %% 11 = 0 THEN 'absent' ELSE 'present' END,
            CASE WHEN p.id %% 11 = 0 THEN NULL ELSE 4 END,
            CASE WHEN p.id %% 11 = 0 THEN 'other' ELSE '' END, '', now(), p.id,
            p.notice_sent_by_id
           FROM placements_placement p
           CROSS JOIN LATERAL generate_series(greatest(p.start_on, %(today)s::date - 42),
             %(today)s::date - 1, interval '1 day') g
           WHERE p.id %% 7 <> 0 AND extract(isodow FROM g)::int = ANY(p.weekdays)
           ON CONFLICT DO NOTHING""",
        # a review with its next date for 20 %
        """INSERT INTO followup_review (kind, held_on, participants, agreed, next_review_on,
            created_at, case_id, recorded_by_id)
           SELECT 'review', k.opened_on, 'x', 'x', %(today)s::date + (k.id %% 60)::int - 30,
            now(), k.id, k.responsible_worker_id
           FROM clients_case k WHERE k.id %% 5 = 0 AND k.opened_on < %(today)s::date - 31""",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, params)
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def run(cases: int, repeats: int = 3) -> list[dict]:
    from followup import reminders

    rows = []
    if seeded_size() != cases:
        raise SystemExit(f"bench database holds {seeded_size()} open cases, wanted {cases}")
    timings, queries = [], []
    created = None
    for i in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = reminders.sweep()
            timings.append(time.perf_counter() - started)
        queries.append(len(captured))
        if i == 0:
            created = sum(result.created.values())
    open_reminders = _scalar("SELECT count(*) FROM followup_reminder WHERE status = 'open'")
    rows.append(
        {
            "what": f"reminder sweep, {cases} open cases, first run (creates {created})",
            "median_s": timings[0],
            "p95_s": timings[0],
            "queries": queries[0],
            "budget": BUDGET_SECONDS,
        }
    )
    reruns = timings[1:] or timings
    rows.append(
        {
            "what": f"reminder sweep, rerun (nothing new; {open_reminders} open)",
            "median_s": statistics.median(reruns),
            "p95_s": max(reruns),
            "queries": queries[-1],
            "budget": BUDGET_SECONDS,
        }
    )
    return rows

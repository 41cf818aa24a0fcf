"""National-scale data for the benchmarks (`manage.py seed_scale`, issue 15).

By default 100 000 clients and about 110 000 cases over five years, in every phase, across
20 organisers in 3 regions, 300 sites and about 2 000 staff; about 5 M attendance marks and
1 M access-log rows; referrals with sources and reasons, activation plans with their
signatures, decisions with their notifications, placements, evaluations, Kykyviisari
self-assessments, reviews, closures with reasons and next paths, and the reminders the
daily sweep finds. Smaller sizes by `--clients`.

Set-based: the few hundred organisations, sites and users through the ORM, then one
`INSERT … SELECT` per table over a temporary table that fixes each client's story (the
registrar, the phase, the dates, the site). No trigger is disabled: the history triggers
stay cheap for bulk work because their helper functions enter no exception block per row
(core.triggers). Every row satisfies the models' constraints and the app's invariants
(one open case per client, a case's organiser is its client's registrar, one live
decision per case and period, a placement's days inside its decision).

The demo users (accounts.demo) hold a realistic share: `sosiaalityo` is the responsible
worker of about 100 open cases, Pajuluoma has about 60 clients placed today, the
employment office `te` belongs to sees the queue of its region's drafts.
"""

from __future__ import annotations

import time

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import Membership, Organization, Role, Site, User
from accounts.services import site_reindex
from decisions.models import AllowanceRate
from decisions.rates import ensure_allowance_rates
from followup.defaults import ensure_defaults
from followup.models import CapacityDomain, EvaluationForm, EvaluationItem
from plans.models import PlanType
from plans.plan_types import ensure_plan_types

SITES = 300
STAFF = 2_000
ACCESS_LOG_PER_CLIENT = 10  # 1 M rows at 100 000 clients
REGIONS = {
    accounts_demo.REGION[0]: [name for name, _code, _bid in accounts_demo.MUNICIPALITIES],
    "Pirkanmaan hyvinvointialue": [
        "Tampere",
        "Nokia",
        "Ylöjärvi",
        "Kangasala",
        "Lempäälä",
        "Pirkkala",
    ],
    "Pohjois-Savon hyvinvointialue": [
        "Kuopio",
        "Iisalmi",
        "Varkaus",
        "Siilinjärvi",
        "Suonenjoki",
        "Leppävirta",
    ],
}
CODES = {
    "Tampere": "837",
    "Nokia": "536",
    "Ylöjärvi": "980",
    "Kangasala": "211",
    "Lempäälä": "418",
    "Pirkkala": "604",
    "Kuopio": "297",
    "Iisalmi": "140",
    "Varkaus": "915",
    "Siilinjärvi": "749",
    "Suonenjoki": "778",
    "Leppävirta": "420",
}
FIRST_NAMES = [
    "Aino", "Eino", "Helmi", "Juha", "Kaisa", "Lauri", "Maria", "Mikko", "Noora", "Olli",
    "Pekka", "Riikka", "Sami", "Tiina", "Ville", "Anna", "Jari", "Sari", "Timo", "Emma",
    "Antti", "Hanna", "Janne", "Laura", "Matti", "Minna", "Petri", "Satu", "Teemu", "Elina",
]  # fmt: skip
LAST_NAMES = [
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
    "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
    "Heinonen", "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen",
    "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen",
    "Ahonen", "Pajunen", "Kallio", "Hiltunen", "Leinonen", "Miettinen", "Ketola",
    "Väisänen", "Peltonen", "Hakala", "Seppälä",
]  # fmt: skip
KINDS_OF_WORK = [
    ["puutyö", "huonekalujen kunnostus"],
    ["keittiötyö", "kahvila", "siivous"],
    ["kierrätys", "myymälätyö", "lajittelu"],
    ["tekstiilityö", "ompelu"],
    ["kiinteistöhuolto", "pihatyö"],
    ["metallityö", "pienkorjaukset"],
]


def seed(clients: int = 100_000, *, say=print) -> dict[str, float]:
    """Seed an empty database (after `migrate`); returns seconds per step."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():
        ids = _organisations_sites_and_staff()
    timings["organisations, sites, staff"] = time.perf_counter() - started
    params = {
        "n": clients,
        "today": timezone.localdate(),
        "per_client": ACCESS_LOG_PER_CLIENT,
        **ids,
        **demo_share(clients, ids["towns"], ids["seinajoki"], ids["spt"]),
    }
    with connection.cursor() as cursor:
        for label, sql in STATEMENTS:
            step = time.perf_counter()
            # the big tables in tenths: each transaction's queue of deferred foreign-key
            # checks stays small
            for part in range(10 if "%(part)s" in sql else 1):
                with transaction.atomic():
                    cursor.execute(sql, {**params, "part": part})
            timings[label] = time.perf_counter() - step
            say(f"[seed_scale] {label}: {timings[label]:.1f} s")
        step = time.perf_counter()
        cursor.execute("DROP VIEW IF EXISTS seed_cases; DROP TABLE IF EXISTS seed_story")
        cursor.execute("ANALYZE")
        timings["analyze"] = time.perf_counter() - step
    step = time.perf_counter()
    from followup import reminders

    reminders.sweep()
    with connection.cursor() as cursor:
        # the sweep filled these after the ANALYZE above: without statistics the planner
        # takes the reminder tables for empty and scans every open reminder of a kind
        # (a refresh's close of 30 cases: 9 ms instead of 0.5 ms)
        cursor.execute("ANALYZE followup_reminder, followup_reminderrecipient")
    timings["reminder sweep"] = time.perf_counter() - step
    step = time.perf_counter()
    from reports import rollups

    rollups.refresh_all()  # the regional report reads its rollup tables
    timings["report rollups"] = time.perf_counter() - step
    say(f"[seed_scale] report rollups: {timings['report rollups']:.1f} s")
    timings["total"] = time.perf_counter() - started
    return timings


# The demo users' share at the national size: `sosiaalityo` is the responsible worker of
# every 22nd Seinäjoki client (~100 open cases), Pajuluoma (Seinäjoki's first site) takes
# every spt-th as every site does (~53 placed today). Below DEMO_TOWN_CLIENTS clients a
# town, every k-th round of the towns lives in Seinäjoki besides its own share, and the steps
# shrink, so the demo users' lists stay as long as at the national size.
DEMO_TOWN_CLIENTS = 500
DEMO_WORKER_EVERY = 22
CLIENTS_PER_DEMO_CASE_STEP = 227
CLIENTS_PER_DEMO_SITE_STEP = 330


def demo_share(clients: int, towns: list[int], seinajoki: int, sites_per_town: int) -> dict:
    """Where the demo users' clients come from: at 100 000 clients exactly the national
    spread; at smaller sizes a larger share, so the demo users still hold a realistic
    share (~100 open cases, a site's group placed today, their reminders past the to-do
    list's length) and every page runs the same queries at 1 000 clients as at 100 000
    (issue 15)."""
    per_town = max(1, clients // len(towns))
    # every k-th round of the towns goes to Seinäjoki; never every round (k ≥ 2), so
    # every town keeps clients
    every = 0 if per_town >= DEMO_TOWN_CLIENTS else max(2, -(-clients // DEMO_TOWN_CLIENTS))
    in_seinajoki = per_town + (clients // every if every else 0)
    return {
        "seinajoki_every": every,
        "seinajoki_t": towns.index(seinajoki),
        # the rounds sent to Seinäjoki are those ≡ 0 (mod k): the worker's step counts
        # them once, not k times
        "worker_every": min(DEMO_WORKER_EVERY, max(1, in_seinajoki // CLIENTS_PER_DEMO_CASE_STEP))
        * max(1, every),
        "site_every": min(sites_per_town, max(1, in_seinajoki // CLIENTS_PER_DEMO_SITE_STEP)),
    }


def _organisations_sites_and_staff() -> dict:
    """The demo organisations and users, two more regions, 300 sites and ~2 000 staff."""
    ensure_plan_types(PlanType)
    ensure_defaults(EvaluationForm, EvaluationItem, CapacityDomain)
    ensure_allowance_rates(AllowanceRate)
    accounts_demo.seed()
    te_offices, towns = [], []
    for index, (region_name, names) in enumerate(REGIONS.items()):
        region, _ = Organization.objects.get_or_create(
            name=region_name, kind=Organization.Kind.REGION
        )
        office = (
            Organization.objects.get(name=accounts_demo.TE_OFFICE[0])
            if index == 0
            else Organization.objects.create(
                name=f"{names[0]}n seudun työllisyysalue",
                kind=Organization.Kind.EMPLOYMENT_AUTHORITY,
                parent=region,
            )
        )
        te_offices.append(office)
        for name in names:
            town, _ = Organization.objects.get_or_create(
                name=name,
                kind=Organization.Kind.MUNICIPALITY,
                defaults={"municipality_code": CODES.get(name, ""), "parent": region},
            )
            towns.append((town, office, region))
    providers = list(Organization.objects.filter(kind=Organization.Kind.PROVIDER)) + list(
        Organization.objects.bulk_create(
            Organization(name=f"Työtoiminta {town.name} {i}", kind=Organization.Kind.PROVIDER)
            for i, (town, _o, _r) in enumerate(towns)
        )
    )
    existing = list(Site.objects.order_by("pk"))
    for site in existing:  # the demo's sites at a national site's size
        site.capacity = 70
    Site.objects.bulk_update(existing, ["capacity"])
    per_town = SITES // len(towns)
    new_sites = []
    for t, (town, _o, _r) in enumerate(towns):
        have = sum(1 for s in existing if s.municipality_id == town.pk)
        for i in range(have, per_town):
            kinds = KINDS_OF_WORK[(t + i) % len(KINDS_OF_WORK)]
            new_sites.append(
                Site(
                    organization=providers[len(accounts_demo.PROVIDERS) + t]
                    if i % 2
                    else providers[t % len(providers)],
                    municipality=town,
                    name=f"{kinds[0].capitalize()}paja {town.name} {i + 1}",
                    description=f"Ohjattua {', '.join(kinds)} ryhmässä.",
                    street_address=f"Pajakatu {i + 1}",
                    postal_code="60100",
                    post_office=town.name,
                    kinds_of_work=kinds,
                    capacity=50 + (i * 7) % 40,
                    languages=["fi", "sv"] if i % 9 == 0 else ["fi"],
                    wheelchair_accessible=i % 3 != 0,
                    start_activity=i % 4 == 0,
                    contact_name="Ohjaaja",
                )
            )
    Site.objects.bulk_create(new_sites)
    site_reindex(Site.objects.select_related("organization", "municipality"))
    sites = list(Site.objects.order_by("pk"))
    site_ids = []  # per town, per_town sites (the demo's first)
    for town, _o, _r in towns:
        mine = [s.pk for s in sites if s.municipality_id == town.pk][:per_town]
        site_ids += (mine * per_town)[:per_town]

    password = make_password(accounts_demo.DEMO_PASSWORD)
    staff: list[tuple[User, Organization, str, list[Site]]] = []
    workers_per_town = (STAFF - SITES - 3 * 50 - 3) // len(towns)
    for t, (town, _o, _r) in enumerate(towns):
        for w in range(workers_per_town):
            staff.append((User(username=f"sos.{t}.{w}"), town, Role.SOCIAL_WORKER, []))
    for i, site in enumerate(sites[:SITES]):
        staff.append((User(username=f"ohj.{i}"), site.organization, Role.SUPERVISOR, [site]))
    for o, office in enumerate(te_offices):
        for w in range(50):
            staff.append((User(username=f"te.{o}.{w}"), office, Role.EMPLOYMENT_OFFICER, []))
    regions = {region.pk: region for _t, _o, region in towns}
    for r, region in enumerate(regions.values()):
        staff.append((User(username=f"koord.{r}"), region, Role.COORDINATOR, []))
    for i, (user, _org, _role, _sites) in enumerate(staff):
        user.password = password
        user.first_name = FIRST_NAMES[i % len(FIRST_NAMES)]
        user.last_name = LAST_NAMES[(i // len(FIRST_NAMES)) % len(LAST_NAMES)]
        user.email = f"{user.username}@scale.kuty.invalid"
    User.objects.bulk_create([s[0] for s in staff])
    memberships = Membership.objects.bulk_create(
        Membership(user=user, organization=org, role=role) for user, org, role, _s in staff
    )
    Membership.sites.through.objects.bulk_create(
        Membership.sites.through(membership=m, site=site)
        for m, (_u, _o, _r, site_list) in zip(memberships, staff, strict=True)
        for site in site_list
    )
    workers = {}
    for user, org, role, _s in staff:
        if role == Role.SOCIAL_WORKER:
            workers.setdefault(org.pk, []).append(user.pk)
    demo_worker = User.objects.get(username="sosiaalityo")
    seinajoki = Organization.objects.get(name="Seinäjoki", kind=Organization.Kind.MUNICIPALITY)
    return {
        "towns": [town.pk for town, _o, _r in towns],
        "offices": [office.pk for _t, office, _r in towns],
        "m": len(towns),
        "workers": [w for town, _o, _r in towns for w in workers[town.pk]],
        "wpt": workers_per_town,
        "sites": site_ids,
        "spt": per_town,
        "demo_worker": demo_worker.pk,
        "seinajoki": seinajoki.pk,
        "plan_type": PlanType.objects.order_by("pk").first().pk,
        "form": EvaluationForm.objects.get(active=True).pk,
        "first_names": FIRST_NAMES,
        "last_names": LAST_NAMES,
    }


# Each client's story, fixed by its number g (deterministic: the same data every run).
# h (0–99) picks the phase: 55 % closed (32 of them after a placement), then need
# recognised, assessment, planning, decision, in service, follow-up; every seventh client
# also has an earlier, closed case (the "previous" period) with a placement.
STORY = """
CREATE TEMP TABLE seed_story AS
SELECT g, t, h, town, office, worker, site, opened_on, closed_on, phase,
       start_on, end_on, weekdays, hours,
       (phase IN ('in_service', 'follow_up') OR (phase = 'closed' AND h < 32)) AS served,
       g %% 7 = 0 AS has_earlier,
       d || '-' || n || substr('0123456789ABCDEFHJKLMNPRSTUVWXY',
         ((d || n)::bigint %% 31)::int + 1, 1) AS hetu
FROM (
  SELECT g, t, h, town, office, worker, site, phase, weekdays, hours,
    to_char(date '1960-01-01' + (g %% 14000), 'DDMMYY') AS d,
    lpad((2 + (g / 14000) %% 897)::text, 3, '0') AS n,
    CASE phase
      WHEN 'in_service' THEN %(today)s::date - (g %% 170) - 60 - (g %% 30)
      WHEN 'follow_up' THEN %(today)s::date - (g %% 60) - 1 - 182 - 70
      WHEN 'closed' THEN %(today)s::date - 30 - (g * 13 %% 1500) - 300
      ELSE %(today)s::date - (g %% 200) - CASE phase WHEN 'planning' THEN 60
                                                     WHEN 'decision' THEN 100 ELSE 0 END
    END AS opened_on,
    CASE WHEN phase = 'closed' THEN %(today)s::date - 30 - (g * 13 %% 1500) END AS closed_on,
    CASE phase
      WHEN 'in_service' THEN %(today)s::date - (g %% 170)
      WHEN 'follow_up' THEN %(today)s::date - (g %% 60) - 1 - 182
      WHEN 'closed' THEN %(today)s::date - 30 - (g * 13 %% 1500) - 10 - 182
    END AS start_on,
    CASE phase
      WHEN 'in_service' THEN %(today)s::date - (g %% 170) + 182
      WHEN 'follow_up' THEN %(today)s::date - (g %% 60) - 1
      WHEN 'closed' THEN %(today)s::date - 30 - (g * 13 %% 1500) - 10
    END AS end_on
  FROM (
    SELECT g, t, h,
      (%(towns)s::bigint[])[t + 1] AS town,
      (%(offices)s::bigint[])[t + 1] AS office,
      CASE WHEN (%(towns)s::bigint[])[t + 1] = %(seinajoki)s
                AND (g / %(m)s) %% %(worker_every)s = 0 AND h BETWEEN 55 AND 99
           THEN %(demo_worker)s
           ELSE (%(workers)s::bigint[])[t * %(wpt)s + 1 + (g / %(m)s) %% %(wpt)s] END AS worker,
      CASE WHEN (%(towns)s::bigint[])[t + 1] = %(seinajoki)s
                AND (g / %(m)s) %% %(site_every)s = 0
           THEN (%(sites)s::bigint[])[t * %(spt)s + 1]
           ELSE (%(sites)s::bigint[])[t * %(spt)s + 1 + (g / %(m)s) %% %(spt)s] END AS site,
      CASE WHEN h < 55 THEN 'closed' WHEN h < 60 THEN 'need_recognised'
           WHEN h < 67 THEN 'assessment' WHEN h < 75 THEN 'planning'
           WHEN h < 79 THEN 'decision' WHEN h < 95 THEN 'in_service' ELSE 'follow_up' END
        AS phase,
      CASE g %% 3 WHEN 0 THEN '{1,3,5}' WHEN 1 THEN '{2,3,4}' ELSE '{1,2,3,4}' END::int[]
        AS weekdays,
      4 + (g %% 3) AS hours
    FROM (SELECT g, CASE WHEN %(seinajoki_every)s > 0
                           AND (g / %(m)s) %% greatest(%(seinajoki_every)s, 1) = 0
                         THEN %(seinajoki_t)s ELSE g %% %(m)s END AS t,
                 (g * 37 + g / 100) %% 100 AS h
          FROM generate_series(1, %(n)s) g) numbered
  ) picked
) dated;
CREATE UNIQUE INDEX ON seed_story (g);
ANALYZE seed_story;
"""

CLIENTS = """
INSERT INTO clients_client (hetu, identifier_kind, identifier_reason, first_names,
  last_name, phone, email, street_address, postal_code, post_office, language,
  interpreter_needed, support_person, created_at, home_municipality_id, registrar_id,
  e_service_consent)
SELECT hetu, 'hetu', '', (%(first_names)s::text[])[1 + g %% 30] || CASE WHEN g %% 4 = 0
    THEN ' ' || (%(first_names)s::text[])[1 + (g / 30) %% 30] ELSE '' END,
  (%(last_names)s::text[])[1 + (g / 7) %% 40], '040 ' || lpad((g %% 10000000)::text, 7, '0'),
  '', 'Kotikatu ' || (1 + g %% 90), '60100', 'Seinäjoki',
  CASE WHEN g %% 20 = 0 THEN 'sv' ELSE 'fi' END, g %% 50 = 0, '',
  now() - make_interval(days => (g %% 1825)), town, town, FALSE
FROM seed_story
"""

CLIENT_IDS = """
ALTER TABLE seed_story ADD COLUMN client_id bigint, ADD COLUMN case_id bigint,
  ADD COLUMN earlier_id bigint;
UPDATE seed_story s SET client_id = c.id FROM clients_client c
WHERE c.registrar_id = s.town AND c.hetu = s.hetu;
CREATE UNIQUE INDEX ON seed_story (client_id);
"""

EARLIER_CASES = """
WITH made AS (
  INSERT INTO clients_case (phase, opened_on, closed_on, municipality_id,
    responsible_worker_id, client_id)
  SELECT 'closed', opened_on - 1825 + (g %% 300), opened_on - 1825 + (g %% 300) + 250,
    town, worker, client_id
  FROM seed_story WHERE has_earlier
  RETURNING id, client_id)
UPDATE seed_story s SET earlier_id = made.id FROM made WHERE made.client_id = s.client_id;
"""

CASES = """
WITH made AS (
  INSERT INTO clients_case (phase, opened_on, closed_on, municipality_id,
    responsible_worker_id, client_id, previous_id)
  SELECT phase, opened_on, closed_on, town, worker, client_id, earlier_id FROM seed_story
  RETURNING id, client_id)
UPDATE seed_story s SET case_id = made.id FROM made WHERE made.client_id = s.client_id;
CREATE UNIQUE INDEX ON seed_story (case_id);
ANALYZE seed_story;
"""

# every case, the earlier ones too: (case, opened, town, worker, client, g, served, dates)
ALL_CASES = """
CREATE TEMP VIEW seed_cases AS
  SELECT case_id, opened_on, town, office, worker, client_id, g, h, site, phase, served,
         start_on, end_on, weekdays, hours, closed_on FROM seed_story
  UNION ALL
  SELECT earlier_id, opened_on - 1825 + (g %% 300), town, office, worker, client_id, g, h,
         site, 'closed', true, opened_on - 1825 + (g %% 300) + 60,
         opened_on - 1825 + (g %% 300) + 242, weekdays, hours,
         opened_on - 1825 + (g %% 300) + 250
  FROM seed_story WHERE has_earlier;
"""

REFERRALS = """
INSERT INTO clients_referral (initiated_on, source, source_other, reasons, description,
  created_at, case_id, recorded_by_id)
SELECT opened_on,
  (ARRAY['te_services','adult_social_work','typ','municipal_employment','mental_health',
         'ohjaamo','kela','education','te_services','adult_social_work'])[1 + g %% 10],
  '',
  CASE g %% 4 WHEN 0 THEN ARRAY['life_management']
              WHEN 1 THEN ARRAY['capacity_assessment','capacity_support']
              WHEN 2 THEN ARRAY['working_life_rules']
              ELSE ARRAY['life_management','capacity_support'] END::varchar(30)[],
  'Ohjaus kuntouttavaan työtoimintaan.', now(), case_id, worker
FROM seed_cases c
"""

CONSENTS = """
INSERT INTO clients_consent (information, purpose, given_on, expires_on, withdrawn_at,
  created_at, client_id, organization_id, recorded_by_id)
SELECT 'Aktivointisuunnitelma ja sen toteutuminen', 'Monialainen suunnittelu',
  opened_on, NULL, CASE WHEN phase = 'closed' THEN closed_on::timestamptz END, now(),
  client_id, office, worker
FROM seed_story WHERE h >= 67 OR (phase = 'closed' AND h < 32)
"""

PLANS = """
INSERT INTO plans_activationplan (version, state, education_and_work_history,
  earlier_services_effect, earlier_plans_realised, measures, includes_kuty, kuty_goal,
  days_per_week, hours_per_day, start_on, length_months, support_and_guidance,
  other_services, assessment_due_on, interruption_event, hearing_summary, created_at,
  updated_at, case_id, created_by_id, plan_type_id)
SELECT 1,
  CASE WHEN phase = 'planning' THEN 'draft' WHEN phase IN ('decision', 'in_service')
       THEN 'in_force' ELSE 'ended' END,
  'Peruskoulu, varastotyötä.', 'Työkokeilu keskeytyi.', 'Osittain.',
  'Kuntouttava työtoiminta.', true, 'Päivärytmi ja työelämätaidot.',
  cardinality(weekdays), hours, coalesce(start_on, opened_on + 60), 6,
  'Omaohjaaja.', 'Päihdetyön vastaanotto.', coalesce(start_on, opened_on + 60) + 150, '', '',
  now() - make_interval(days => g %% 90), now() - make_interval(days => g %% 90),
  case_id, worker, %(plan_type)s
FROM seed_cases c WHERE phase IN ('planning', 'decision', 'in_service', 'follow_up')
  OR served
"""

SIGNATURES = """
INSERT INTO plans_signature (party, signer_name, signed_on, recorded_at, plan_id,
  recorded_by_id)
SELECT party, 'Allekirjoittaja', p.start_on - 10, now(), p.id, p.created_by_id
FROM plans_activationplan p
CROSS JOIN unnest(ARRAY['employment_authority','municipality','client']) party
WHERE p.state <> 'draft' OR (party = 'municipality' AND p.id %% 2 = 0)
"""

DECISIONS = """
INSERT INTO decisions_decision (status, outcome, legal_basis, weekdays,
  travel_compensation, allowance_kind, reasons, schedule_difference_reason, contact_phone,
  language, pdf, created_at, authority_id, case_id, contact_person_id, created_by_id, kind,
  decided_on, site_id, start_on, end_on, hours_per_day, decision_maker_id, plan_id)
SELECT CASE WHEN c.phase = 'in_service' THEN 'in_force' ELSE 'ended' END, 'positive',
  'Laki kuntouttavasta työtoiminnasta 189/2001', c.weekdays, '', 'kulukorvaus',
  'Aktivointisuunnitelman mukaisesti.', '', '', 'fi', '', now(), c.town, c.case_id,
  c.worker, c.worker, 'grant', c.start_on - 14, c.site, c.start_on, c.end_on, c.hours,
  c.worker, p.id
FROM seed_cases c JOIN plans_activationplan p ON p.case_id = c.case_id
WHERE c.served
"""

NOTIFICATIONS = """
INSERT INTO decisions_notification (method, sent_on, received_on, reconsideration_deadline,
  recorded_at, decision_id, recorded_by_id, electronic_consent)
SELECT 'post', decided_on, decided_on + 7, decided_on + 37, now(), id, created_by_id, false
FROM decisions_decision WHERE kind = 'grant'
"""

PLACEMENTS = """
INSERT INTO placements_placement (client_name, client_info, start_on, end_on, weekdays,
  hours_per_day, goals, contacts, notice_sent_on, notice_pdf, created_at, case_id,
  decision_id, notice_sent_by_id, site_id, agreement_on, orientation_on)
SELECT c.first_names || ' ' || c.last_name, '', d.start_on, d.end_on, d.weekdays,
  d.hours_per_day, 'Päivärytmi ja työelämätaidot.', 'Omatyöntekijä', d.decided_on, '',
  now(), d.case_id, d.id, d.created_by_id, d.site_id, d.start_on, d.start_on
FROM decisions_decision d JOIN clients_case k ON k.id = d.case_id
JOIN clients_client c ON c.id = k.client_id
"""

# the scheduled days up to yesterday: 88 %% present, 10 %% absent, 2 %% no service
ATTENDANCE = """
INSERT INTO placements_attendance (day, status, hours, absence_reason, diary, recorded_at,
  placement_id, recorded_by_id)
SELECT day,
  CASE WHEN r < 88 THEN 'present' WHEN r < 98 THEN 'absent' ELSE 'no_service' END,
  CASE WHEN r < 88 THEN p.hours_per_day END,
  CASE WHEN r >= 88 AND r < 98 THEN (ARRAY['own_sickness','child_sickness','employment',
       'agreed_leave','other'])[1 + (p.id + r) %% 5] ELSE '' END,
  CASE WHEN r %% 5 = 0 THEN 'Tehtiin tilaustöitä.' ELSE '' END,
  day::timestamptz, p.id, coalesce(m.user_id, p.notice_sent_by_id)
FROM placements_placement p
LEFT JOIN LATERAL (SELECT ms.user_id FROM accounts_membership_sites s
                   JOIN accounts_membership ms ON ms.id = s.membership_id
                   WHERE s.site_id = p.site_id ORDER BY ms.id LIMIT 1) m ON true
CROSS JOIN LATERAL generate_series(p.start_on, least(p.end_on, %(today)s::date - 1),
                                   interval '1 day') AS gs(day)
CROSS JOIN LATERAL (SELECT ((p.id * 7 + extract(doy FROM gs.day)::int * 13) %% 100) AS r) x
WHERE extract(isodow FROM gs.day)::int = ANY (p.weekdays) AND p.id %% 10 = %(part)s
"""

EVALUATIONS = """
INSERT INTO followup_evaluation (kind, evaluated_on, author_role, summary, created_at,
  case_id, placement_id, recorded_by_id, form_id)
SELECT kind, CASE kind WHEN 'start' THEN p.start_on + 14 ELSE p.end_on - 3 END,
  'together', 'Arvioitu yhdessä asiakkaan kanssa.', now(), p.case_id, p.id,
  p.notice_sent_by_id, %(form)s
FROM placements_placement p CROSS JOIN unnest(ARRAY['start','final']) kind
WHERE p.start_on + 14 < %(today)s::date AND (kind = 'start' OR p.end_on < %(today)s::date)
"""

EVALUATION_SCORES = """
INSERT INTO followup_evaluationscore (score, comment, evaluation_id, item_id)
SELECT 1 + (e.id + i.id + CASE e.kind WHEN 'final' THEN 1 ELSE 0 END) %% 5, '', e.id, i.id
FROM followup_evaluation e JOIN followup_evaluationitem i ON i.form_id = e.form_id
"""

CAPACITY = """
INSERT INTO followup_capacityassessment (assessed_on, phase, helped_by, created_at, case_id,
  placement_id, recorded_by_id)
SELECT CASE phase WHEN 'start' THEN p.start_on + 7 ELSE p.end_on - 3 END, phase, '', now(),
  p.case_id, p.id, p.notice_sent_by_id
FROM placements_placement p CROSS JOIN unnest(ARRAY['start','end']) phase
WHERE p.start_on + 7 < %(today)s::date AND (phase = 'start' OR p.end_on < %(today)s::date)
"""

CAPACITY_SCORES = """
INSERT INTO followup_capacityscore (score, assessment_id, domain_id)
SELECT (a.id + d.id) %% 7 + CASE a.phase WHEN 'end' THEN 3 ELSE 1 END, a.id, d.id
FROM followup_capacityassessment a CROSS JOIN followup_capacitydomain d WHERE d.active
"""

REVIEWS = """
INSERT INTO followup_review (kind, held_on, participants, agreed, next_review_on,
  created_at, case_id, recorded_by_id)
SELECT 'review', start_on + 60, 'Asiakas, omatyöntekijä, ohjaaja', 'Jatketaan.',
  start_on + 60 + 30 + (g %% 60), now(), case_id, worker
FROM seed_story WHERE phase = 'in_service' AND start_on + 60 < %(today)s::date
"""

CLOSURES = """
INSERT INTO followup_closure (closed_on, reason, reason_other, next_path, continuation_plan,
  contact_person, contact_details, final_evaluation_done, self_assessment_done,
  not_done_reason, client_plan_updated, employment_plan_updated, pdf, created_at, case_id,
  recorded_by_id)
SELECT closed_on,
  CASE WHEN served THEN (ARRAY['period_ended','employment','studies','period_ended',
       'health','clients_wish'])[1 + g %% 6]
       ELSE (ARRAY['moved_away','clients_wish','benefit_changed','health'])[1 + g %% 4] END,
  '',
  (ARRAY['education','open_labour_market','work_ability_examination','rehabilitation',
         'pay_subsidised_work','new_kuty_period','unemployed_job_seeker','sick_leave'])
    [1 + g %% 8],
  'Jatkosuunnitelma sovittu.', 'Omatyöntekijä', '040 000 0000', served, served,
  CASE WHEN served THEN '' ELSE 'Asiakkuus päättyi ennen työtoimintaa.' END,
  true, served, '', now(), case_id, worker
FROM seed_cases c WHERE phase = 'closed'
"""

ACCESS_LOG = """
INSERT INTO clients_accesslog (at, action, what, purpose, ip_address, user_id, client_id)
SELECT now() - make_interval(mins => (s.g * 131 + i * 977) %% 525600),
  (ARRAY['view','list','view','change','list','pdf'])[1 + (s.g + i) %% 6],
  'asiakkuus', '', '10.0.0.1', s.worker, s.client_id
FROM seed_story s CROSS JOIN generate_series(1, %(per_client)s) i
"""

DISCLOSURES = """
INSERT INTO clients_disclosurelog (at, data, legal_basis, client_id, consent_id,
  disclosed_by_id, recipient_id)
SELECT c.given_on::timestamptz + interval '1 day', 'Aktivointisuunnitelma', '', c.client_id,
  c.id, c.recorded_by_id, c.organization_id
FROM clients_consent c
"""

STATEMENTS = [
    ("each client's story", STORY),
    ("clients", CLIENTS),
    ("client ids", CLIENT_IDS),
    ("earlier cases", EARLIER_CASES),
    ("cases", CASES),
    ("every case", ALL_CASES),
    ("referrals", REFERRALS),
    ("consents", CONSENTS),
    ("activation plans", PLANS),
    ("signatures", SIGNATURES),
    ("decisions", DECISIONS),
    ("notifications", NOTIFICATIONS),
    ("placements", PLACEMENTS),
    ("attendance", ATTENDANCE),
    ("evaluations", EVALUATIONS),
    ("evaluation scores", EVALUATION_SCORES),
    ("self-assessments", CAPACITY),
    ("self-assessment scores", CAPACITY_SCORES),
    ("reviews", REVIEWS),
    ("closures", CLOSURES),
    ("access log", ACCESS_LOG),
    ("disclosure log", DISCLOSURES),
]

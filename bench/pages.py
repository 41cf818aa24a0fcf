"""Benchmark: every key page and endpoint of every role, and the raw-SQL floors.

Runs against a database loaded by `manage.py seed_scale` (kuty/scale.py), through Django's
test Client with the demo users logged in (the API lists with a real token), so a request
goes through the same middleware, gates and access log as in production. Each row: the
median and p95 of `repeats` runs, and the SQL query count of one run.

Budgets (issue 15, item 4) are the pass/fail lines of bench/run.py, never test assertions.
"""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable

from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

PAGE_BUDGET = 0.100  # every page p95 at national scale, one user
PDF_BUDGET = 0.500
WEEK_SAVE_BUDGET = 0.050
WEEK_SAVE_RATIO = 4.0
PROJECTED_RATIO = 3.0
WEEK_CLIENTS = 30


def _warm(run: Callable[[], object]) -> int:
    """Two untimed runs; the queries the second made. The first does whatever a request
    does once in a while (the idle session's renewal, at most once a minute: 3 queries
    more when a minute had passed since the login), so the count does not depend on how
    long the bench took to get here (issue 30)."""
    run()
    reset_queries()  # a request start resets the log too; count from an empty one
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)  # now: the context reads the (later reset) log lazily


def measure(run: Callable[[], object], repeats: int) -> dict:
    """Median and p95 of `repeats` timed runs after one untimed warm-up that counts queries."""
    queries = _warm(run)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return {**_summary(timings), "queries": queries}


# A row measured against its raw floor takes at least this many pairs: each run is a few
# milliseconds, and the ratio budget reads the two medians.
RATIO_PAIRS = 60


def measure_pair(run: Callable[[], object], floor: Callable[[], object], repeats: int):
    """`run` and its raw `floor` as `measure` does each, but timed in turns (run, floor,
    run, …), so whatever else the machine does in the meantime weighs on both alike."""
    queries = _warm(run)
    _warm(floor)
    timed: tuple[list[float], list[float]] = ([], [])
    for _ in range(max(repeats, RATIO_PAIRS)):
        for timings, call in zip(timed, (run, floor), strict=True):
            started = time.perf_counter()
            call()
            timings.append(time.perf_counter() - started)
    return (
        {**_summary(timed[0]), "queries": queries},
        {**_summary(timed[1]), "queries": None},
    )


def _summary(timings: list[float]) -> dict:
    timings = sorted(timings)
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {"median_s": statistics.median(timings), "p95_s": p95}


def _client(username: str) -> Client:
    from accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    return client


def _api(username: str) -> Client:
    from accounts.models import User
    from accounts.services import api_token_issue

    _token, key = api_token_issue(user=User.objects.get(username=username))
    return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {key}")


def _get(client: Client, url: str, **query) -> Callable[[], object]:
    def run():
        response = client.get(url, query)
        if response.status_code != 200:
            raise SystemExit(f"[bench] GET {url} answered {response.status_code}")
        return response

    return run


def subjects() -> dict:
    """The demo users' objects the pages are opened on (the same at every size)."""
    from accounts.models import Site, User
    from clients.models import Case
    from placements.models import Placement

    today = timezone.localdate()
    worker = User.objects.get(username="sosiaalityo")
    site = Site.objects.get(name="Puutyöpaja Pajuluoma")
    # a month into its placement, so the case page has every part (evaluations,
    # self-assessments) at every size, not only where the first case by pk happens to be
    case = (
        Case.objects.open()
        .filter(phase="in_service", decisions__isnull=False)
        .filter(decisions__start_on__lte=today - datetime.timedelta(days=30))
        .filter(municipality__name="Seinäjoki")
        .order_by("pk")
        .first()
    )
    own = Case.objects.open().filter(responsible_worker=worker).count()
    placement = Placement.objects.filter(case=case).order_by("-start_on").first()
    current = list(
        Placement.objects.filter(site=site, start_on__lte=today, end_on__gte=today).order_by("pk")[
            :WEEK_CLIENTS
        ]
    )
    return {
        "worker": worker,
        "site": site,
        "case": case,
        "own_open_cases": own,
        "decision": placement.decision if placement else None,
        "placement": placement,
        "week_placements": current,
    }


def week_to_save(placements) -> tuple[datetime.date, list[dict]]:
    """The last full week before today with no public holiday: each client's scheduled days."""
    from core import law

    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    while law.public_holidays(monday, monday + datetime.timedelta(days=6)):
        monday -= datetime.timedelta(days=7)
    entries = []
    for placement in placements:
        for offset in range(7):
            day = monday + datetime.timedelta(days=offset)
            if day.isoweekday() in placement.weekdays and placement.start_on <= day:
                entries.append(
                    {
                        "placement": placement.pk,
                        "day": day,
                        "status": "present",
                        "hours": placement.hours_per_day,
                        "absence_reason": "",
                        "diary": "",
                    }
                )
    return monday, entries


RAW_178 = """
SELECT count(DISTINCT a.day) FROM placements_attendance a
JOIN placements_placement p ON p.id = a.placement_id
WHERE p.case_id = %s AND a.status = 'present' AND a.day BETWEEN %s AND %s
"""

RAW_REPORT = """
SELECT k.municipality_id, date_trunc('month', a.day) AS month, count(*)
FROM placements_attendance a
JOIN placements_placement p ON p.id = a.placement_id
JOIN clients_case k ON k.id = p.case_id
WHERE a.status = 'present' AND a.day >= %s AND a.day < %s
GROUP BY 1, 2
"""


def everyday_pages(subject: dict) -> list[tuple[str, Callable[[], object]]]:
    """Every role's everyday pages and API lists, logged in on the current database: the
    rows of the table, of the growth lines and the mix of the CPU per request."""
    case, site = subject["case"], subject["site"]
    worker = _client("sosiaalityo")
    officer = _client("te")
    supervisor = _client("ohjaaja")
    coordinator = _client("koordinaattori")
    worker_api = _api("sosiaalityo")
    officer_api = _api("te")
    return [
        ("social worker: home", _get(worker, "/")),
        ("social worker: case list, open", _get(worker, "/asiakkuudet/")),
        (
            "social worker: case list, all + overdue",
            _get(worker, "/asiakkuudet/", status="all", overdue="on"),
        ),
        ("social worker: case page", _get(worker, f"/asiakkuudet/{case.pk}/")),
        ("social worker: decision list", _get(worker, "/paatokset/")),
        (
            "social worker: directory search 'puutyö'",
            _get(worker, "/palveluhakemisto/", q="puutyö"),
        ),
        (
            "social worker: directory, free places",
            _get(worker, "/palveluhakemisto/", free_places="on"),
        ),
        ("API (token): cases", _get(worker_api, "/api/v1/cases/")),
        ("API (token): decisions", _get(worker_api, "/api/v1/decisions/")),
        ("API (token): placements", _get(worker_api, "/api/v1/placements/")),
        ("API (token, TE): activation plans", _get(officer_api, "/api/v1/activation-plans/")),
        ("TE officer: home", _get(officer, "/")),
        ("TE officer: plans to sign", _get(officer, "/suunnitelmat/allekirjoitettavat/")),
        ("supervisor: home", _get(supervisor, "/")),
        (
            "supervisor: attendance week page",
            _get(supervisor, f"/tyotoiminta/yksikko/{site.pk}/viikko/"),
        ),
        ("coordinator: home", _get(coordinator, "/")),
    ]


def run(repeats: int) -> list[dict]:
    """Every row: what, median_s, p95_s, queries, budget (seconds) and, where it has one,
    floor_s and ratio_budget (the time over the raw SQL floor measured in this run)."""
    from core import law
    from followup import reminders
    from placements import services as placement_services

    subject = subjects()
    case, decision, site = subject["case"], subject["decision"], subject["site"]
    worker = _client("sosiaalityo")
    supervisor = _client("ohjaaja")
    pages = everyday_pages(subject)
    rows = []
    for what, page in pages:
        rows.append({"what": what, **measure(page, repeats), "budget": PAGE_BUDGET})
    if decision is not None:
        url = f"/asiakkuudet/{case.pk}/paatokset/{decision.pk}/paatos.pdf"
        rows.append(
            {
                "what": "social worker: decision PDF",
                **measure(_get(worker, url), max(3, repeats // 3)),
                "budget": PDF_BUDGET,
            }
        )
    # one of Pajuluoma's clients today: the TT3 PDF, the 178-day count, the projected date
    site_placement = subject["week_placements"][0] if subject["week_placements"] else None
    if site_placement is not None:
        rows.append(
            {
                "what": "supervisor: TT3 PDF",
                **measure(
                    _get(
                        supervisor,
                        f"/tyotoiminta/{site_placement.pk}/tt3.pdf",
                        start=(timezone.localdate() - datetime.timedelta(days=14)).isoformat(),
                        end=(timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
                    ),
                    max(3, repeats // 3),
                ),
                "budget": PDF_BUDGET,
            }
        )

    if subject["week_placements"]:
        # the week save for 30 clients, against the raw INSERT … ON CONFLICT of the same marks
        from accounts.models import User

        pekka = User.objects.get(username="ohjaaja")
        monday, entries = week_to_save(subject["week_placements"])

        def save():
            placement_services.attendance_record_week(user=pekka, site=site, entries=entries)

        now = timezone.now()
        columns = [
            [e["placement"] for e in entries],
            [e["day"] for e in entries],
            [e["status"] for e in entries],
            [e["hours"] for e in entries],
            [e["absence_reason"] for e in entries],
            [e["diary"] for e in entries],
            [pekka.pk] * len(entries),
            [now] * len(entries),
        ]

        def raw_save():
            with transaction.atomic(), connection.cursor() as cursor:
                # the product's own statement, alone: the floor the save is measured against
                cursor.execute(placement_services.ATTENDANCE_UPSERT, columns)

        saved, floor = measure_pair(save, raw_save, repeats)
        clients = len({e["placement"] for e in entries})
        rows.append(
            {
                "what": f"supervisor: week save, {clients} clients ({len(entries)} marks)",
                "key": "week save",
                **saved,
                "budget": WEEK_SAVE_BUDGET,
                "floor_s": floor["median_s"],
                "ratio_budget": WEEK_SAVE_RATIO,
            }
        )

    # the 178-day count and the projected limit date, against the raw count
    counted_placement = subject["placement"]
    today = timezone.localdate()

    # the product's count (placements.services.days_in_12_months; participation_counts
    # no longer walks present_days in Python)
    def raw_count():
        with connection.cursor() as cursor:
            cursor.execute(RAW_178, [counted_placement.case_id, law.window_start(today), today])
            return cursor.fetchone()[0]

    counted, raw = measure_pair(
        lambda: placement_services.days_in_12_months(counted_placement.case_id, today),
        raw_count,
        repeats,
    )
    rows.append(
        {
            "what": "178-day count, one client",
            **counted,
            "budget": PAGE_BUDGET,
            "floor_s": raw["median_s"],
            "ratio_budget": PROJECTED_RATIO,
        }
    )
    projected, raw = measure_pair(
        lambda: placement_services.participation_counts(counted_placement), raw_count, repeats
    )
    rows.append(
        {
            "what": "projected limit date, one client",
            **projected,
            "budget": PAGE_BUDGET,
            "floor_s": raw["median_s"],
            "ratio_budget": PROJECTED_RATIO,
        }
    )

    # the floor a report must beat: present days by municipality by month, 12 months
    start = (today.replace(day=1) - datetime.timedelta(days=365)).replace(day=1)

    def raw_report():
        with connection.cursor() as cursor:
            cursor.execute(RAW_REPORT, [start, today.replace(day=1)])
            return cursor.fetchall()

    report_floor = measure(raw_report, max(3, repeats // 3))
    rows.append(
        {
            "what": "raw SQL floor: present days by municipality by month, 12 months",
            **report_floor,
            "budget": None,  # the floor itself: information for the report's row
        }
    )

    sweep = measure(reminders.sweep, 1)
    rows.append(
        {
            "what": "reminder sweep (rerun over the seeded reminders)",
            **sweep,
            "budget": 30.0,
        }
    )
    return rows


FRESH_WORKERS = 5
FIRST_REQUEST = """
import os, statistics, sys, time
sys.path.insert(0, os.getcwd())
import kuty.wsgi  # what a gunicorn worker imports before its first request (warms)
from django.conf import settings
settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
from bench.pages import _client
client = _client("sosiaalityo")
# kuty.wsgi's WSGIHandler loaded its middleware at import, before a worker's first request;
# the test client's own handler does it on its first request: do it here, as the worker did
client.handler.load_middleware()
timings = []
for _ in range(6):
    started = time.perf_counter()
    assert client.get("/palveluhakemisto/", {"q": "puutöitä"}).status_code == 200
    timings.append(time.perf_counter() - started)
print(timings[0], statistics.median(timings[1:]))
"""


def first_request(database_url: str) -> dict:
    """A fresh worker process: its first directory search against the median of the next
    five (issue 15: the lemmatiser's data loaded on the first search took seconds)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "kuty.settings"}
    firsts, rests = [], []
    for _ in range(FRESH_WORKERS):  # one worker's first request is one sample: take several
        done = subprocess.run(
            [sys.executable, "-c", FIRST_REQUEST],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        first, rest = (float(x) for x in done.stdout.split()[-2:])
        firsts.append(first)
        rests.append(rest)
    first, rest = statistics.median(firsts), statistics.median(rests)
    return {
        "what": f"fresh web worker: first directory search, {FRESH_WORKERS} fresh workers "
        "(× the next five's median)",
        "median_s": first,
        "p95_s": max(firsts),
        "queries": None,
        "budget": PAGE_BUDGET,
        "floor_s": rest,
        "ratio_budget": 2.0,
    }


# --- issue 30: growth with the data, CPU per request ------------------------------------

GROWTH_BUDGET = 1.3  # p50 at the national size ÷ p50 at 1 000 clients, every page
CPU_BUDGET = 0.015  # seconds of the process' CPU a request of the everyday mix …
CPU_FLOOR_RATIO = 4.0  # … or at most this many times the minimal view's


class Databases:
    """The bench's databases, each on a connection of its own kept open, one of them
    Django's default at a time: a page is timed at one size, then at the other, with
    neither connection opened in between (a fresh server process reads its catalogue
    first: that would be timed)."""

    def __init__(self, urls: dict[str, str]) -> None:
        from urllib.parse import urlsplit

        from django.db import connections

        default = connections["default"]
        self.wrappers = {}
        for size, url in urls.items():
            settings_dict = {**default.settings_dict, "NAME": urlsplit(url).path.lstrip("/")}
            self.wrappers[size] = type(default)(settings_dict, "default")
        self.sizes = list(urls)

    def use(self, size: str) -> None:
        from django.db import connections

        connections["default"] = self.wrappers[size]
        connections["default"].ensure_connection()

    def close(self) -> None:
        for wrapper in self.wrappers.values():
            wrapper.close()


def growth(databases: Databases, repeats: int) -> list[dict]:
    """Every everyday page at each size, timed in turns (page at one size, the same page at
    the other, the order swapped every round): its p50 at the last size (national) ÷ its
    p50 at the first (1 000 clients). Equal query counts do not mean flat cost (issue 30:
    the report 3.2×, the TE officer's queue 2.3×)."""
    pages = {}
    for size in databases.sizes:
        databases.use(size)
        pages[size] = everyday_pages(subjects())
        for _what, page in pages[size]:
            page()  # untimed: logins, sessions renewed, caches warm
    small, large = databases.sizes[0], databases.sizes[-1]
    timings: dict[str, dict[str, list[float]]] = {}
    for round_ in range(max(repeats, 5)):
        order = databases.sizes if round_ % 2 == 0 else databases.sizes[::-1]
        for index, (what, _page) in enumerate(pages[small]):
            for size in order:
                databases.use(size)
                page = pages[size][index][1]
                started = time.perf_counter()
                page()
                timings.setdefault(what, {}).setdefault(size, []).append(
                    time.perf_counter() - started
                )
    rows = []
    for what, by_size in timings.items():
        low, high = statistics.median(by_size[small]), statistics.median(by_size[large])
        rows.append(
            {"what": what, "small_s": low, "large_s": high, "growth": high / low,
             "budget": GROWTH_BUDGET}
        )  # fmt: skip
    return rows


def cpu_per_request(repeats: int) -> dict:
    """The process' CPU (user + system: `time.process_time`, what a web worker spends; the
    database server's own time is not in it) per request of the everyday mix (each page
    once a round), and per request of a minimal Django view through the same middleware,
    logged in (bench/urls.py), in alternating rounds of the same run."""
    from django.conf import settings

    from bench.urls import FLOOR_URL

    settings.ROOT_URLCONF = "bench.urls"
    mix = [page for _what, page in everyday_pages(subjects())]
    floor = _get(_client("sosiaalityo"), FLOOR_URL)
    for page in [*mix, floor]:
        page()  # untimed
    spent = {"mix": 0.0, "floor": 0.0}
    requests = {"mix": 0, "floor": 0}
    for _ in range(max(repeats, 5)):
        started = time.process_time()
        for page in mix:
            page()
        spent["mix"] += time.process_time() - started
        requests["mix"] += len(mix)
        started = time.process_time()
        for _ in mix:
            floor()
        spent["floor"] += time.process_time() - started
        requests["floor"] += len(mix)
    mix_s, floor_s = (spent[k] / requests[k] for k in ("mix", "floor"))
    return {
        "mix_s": mix_s,
        "floor_s": floor_s,
        "requests": requests["mix"],
        "ok": mix_s <= CPU_BUDGET or mix_s <= CPU_FLOOR_RATIO * floor_s,
    }

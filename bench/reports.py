"""Benchmark: the regional report for the whole country.

Runs on the bench's national data (`manage.py seed_scale`, the one national seed, with
every trigger on): every municipality and site of the country, over a year. Budget
(issue 13): under 300 ms, and a query count that does not grow with the data. The report
reads its rollup tables (reports.rollups): they are rebuilt in full first, as the nightly
beat task does, and that rebuild is measured too (budget: 3 minutes). Part of
`python3 scripts/dev.py bench` (bench/run.py); alone:

    DATABASE_URL=… python3 -m bench.reports [--clients 100000] [--repeats 5]
"""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils import timezone

BUDGET_SECONDS = 0.3
REBUILD_BUDGET_SECONDS = 180.0


def _scalar(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def seeded_size() -> int:
    return _scalar("SELECT count(*) FROM clients_case")


def run(repeats: int = 5) -> list[dict]:
    from accounts.models import Organization, Site
    from bench.pages import measure
    from reports.forms import Filters
    from reports.report import build
    from reports.rollups import refresh_all
    from reports.scope import Scope

    rebuild = refresh_all()

    scope = Scope(
        "coordinator",
        tuple(Organization.objects.municipalities().values_list("pk", flat=True)),
        tuple(Site.objects.values_list("pk", flat=True)),
        False,
    )
    today = timezone.localdate()
    filters = Filters(start=today - datetime.timedelta(days=364), end=today)
    # as every page's row: one untimed run first (it counts the queries), then the timed
    # ones, the same p95 (bench.pages.measure); the rebuild above ran as the bench's
    # role, which may VACUUM (the application's role leaves that to autovacuum)
    figures = measure(lambda: build(scope, filters), repeats)
    cases = seeded_size()
    marks = _scalar("SELECT count(*) FROM placements_attendance")
    return [
        {
            "what": f"regional report, whole country, one year ({cases} cases, {marks} marks)",
            **figures,
            "budget": BUDGET_SECONDS,
        },
        {
            "what": f"regional report's rollups: full rebuild, the nightly job ({cases} cases)",
            "median_s": rebuild,
            "p95_s": rebuild,
            "queries": None,
            "budget": REBUILD_BUDGET_SECONDS,
        },
    ]


def main() -> int:
    import argparse
    import os

    from bench.run import database_url, ensure_database, prepare

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    url = database_url(os.environ["DATABASE_URL"], "_bench")
    ensure_database(url, fresh=False)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")
    import django

    django.setup()
    prepare(url, args.clients)
    failed = 0
    for row in run(args.repeats):
        ok = row["p95_s"] <= row["budget"]
        failed += not ok
        print(
            f"{row['what']}: median {row['median_s'] * 1000:.0f} ms, p95 "
            f"{row['p95_s'] * 1000:.0f} ms, {row['queries']} queries, budget "
            f"{row['budget'] * 1000:.0f} ms: {'pass' if ok else 'FAIL'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

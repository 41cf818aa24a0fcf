"""Benchmark: the regional report for the whole country.

Runs on the bench database that `bench/run.py` seeds (national scale: 100 000 cases,
their placements and attendance); the scope is every municipality and site, as a
national coordinator would read it, over a year. Budget (issue 13): under 300 ms, and a
query count that does not grow with the data.

    DATABASE_URL=… python3 -m bench.reports   (after `scripts/dev.py bench` has seeded)
"""

from __future__ import annotations

import datetime
import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

BUDGET_SECONDS = 0.3


def run(repeats: int = 5) -> list[dict]:
    from accounts.models import Organization, Site
    from reports.forms import Filters
    from reports.report import build
    from reports.scope import Scope

    scope = Scope(
        "coordinator",
        tuple(Organization.objects.municipalities().values_list("pk", flat=True)),
        tuple(Site.objects.values_list("pk", flat=True)),
        False,
    )
    today = timezone.localdate()
    filters = Filters(start=today - datetime.timedelta(days=364), end=today)
    timings, queries = [], 0
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            build(scope, filters)
            timings.append(time.perf_counter() - started)
        queries = len(captured)
    cases = Organization.objects.filter(cases__isnull=False).count()
    return [
        {
            "what": f"regional report, whole country, one year ({cases} cases)",
            "median_s": statistics.median(timings),
            "p95_s": max(timings),
            "queries": queries,
            "budget": BUDGET_SECONDS,
        }
    ]


if __name__ == "__main__":
    import os
    import sys

    from bench.run import bench_database_url

    os.environ["DATABASE_URL"] = bench_database_url(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")
    import django

    django.setup()
    for row in run():
        print(row)
    sys.exit(0)

"""kuty's benchmarks: `python3 scripts/dev.py bench [--clients N] [--repeats R] [--fresh]`.

Two databases on the server of DATABASE_URL (or the embedded one): `<name>_bench` with
national-scale data (`manage.py seed_scale`, 100 000 clients by default) and
`<name>_bench_small` with 1 000 clients, each seeded once (again with --fresh). Every key
page and endpoint of every role is run at both sizes (bench/pages.py; the regional report
in bench/reports.py when present); the table shows the national median and p95, the query
count at both sizes, the ratio to the raw SQL floor where there is one, and each budget's
pass/fail line. It is printed and written to bench/RESULTS.md with the machine and date.
Budgets are the benchmark's pass/fail lines, never test assertions.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SMALL = 1_000


def database_url(url: str, suffix: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "kuty"
    return urlunsplit(parts._replace(path=f"/{name}{suffix}"))


def _admin(url: str):
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    return parts.path.lstrip("/"), psycopg.connect(
        urlunsplit(parts._replace(path="/postgres")), autocommit=True
    )


def ensure_database(url: str, fresh: bool) -> None:
    name, connection = _admin(url)
    with connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def use_database(url: str) -> None:
    """Point Django's default connection at this database (same server and role)."""
    from urllib.parse import urlsplit

    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = urlsplit(url).path.lstrip("/")


def prepare(url: str, clients: int) -> None:
    from django.core.management import call_command

    from clients.models import Client

    use_database(url)
    call_command("migrate", "--noinput", verbosity=0)
    held = Client.objects.count()
    if held == 0:
        print(f"[bench] seeding {clients} clients (manage.py seed_scale) …", flush=True)
        call_command("seed_scale", clients=clients)
    elif abs(held - clients) > clients // 10:
        raise SystemExit(f"[bench] {url} holds {held} clients, wanted {clients}: use --fresh")


def measure_all(repeats: int) -> list[dict]:
    from bench import pages

    rows = pages.run(repeats)
    # The regional report's rows (bench/reports.py, another change): the same keys —
    # what, median_s, p95_s, queries, budget — and optionally floor_s, ratio_budget.
    try:
        from bench import reports
    except ImportError:
        rows.append({"what": "regional report: bench/reports.py not present yet", "budget": None})
    else:
        rows += reports.run(repeats)
    return rows


def table(national: list[dict], small: list[dict], clients: int) -> tuple[str, int]:
    queries_small = {row.get("key", row["what"]): row.get("queries") for row in small}
    lines = [
        f"| benchmark | median | p95 | queries at {clients} | queries at {SMALL} "
        "| × raw floor | budget | |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    failed = 0
    for row in national:
        if "median_s" not in row:
            lines.append(f"| {row['what']} | | | | | | | |")
            continue
        verdicts = []
        budget = row.get("budget")
        if budget is not None:
            verdicts.append(row["p95_s"] <= budget)
        ratio = ""
        if row.get("floor_s"):
            times = row["median_s"] / row["floor_s"]
            ratio = f"{times:.1f}× ({row['floor_s'] * 1000:.2f} ms)"
            verdicts.append(times <= row["ratio_budget"])
        same = queries_small.get(row.get("key", row["what"])) if row["queries"] else None
        if same is not None:
            verdicts.append(same == row["queries"])
        ok = all(verdicts)
        failed += not ok
        limits = []
        if budget is not None:
            limits.append(f"p95 ≤ {budget * 1000:.0f} ms")
        if row.get("ratio_budget"):
            limits.append(f"≤ {row['ratio_budget']:.0f}× floor")
        if same is not None:
            limits.append("same queries")
        lines.append(
            f"| {row['what']} | {row['median_s'] * 1000:.1f} ms | {row['p95_s'] * 1000:.1f} ms "
            f"| {row['queries'] or ''} | {'' if same is None else same} | {ratio} "
            f"| {', '.join(limits)} | {'pass' if ok else 'FAIL'} |"
        )
    return "\n".join(lines), failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100_000, help="national size")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--fresh", action="store_true", help="drop and seed the bench data again")
    args = parser.parse_args()

    base = os.environ["DATABASE_URL"]
    national_url, small_url = database_url(base, "_bench"), database_url(base, "_bench_small")
    for url in (national_url, small_url):
        ensure_database(url, args.fresh)
    os.environ["DATABASE_URL"] = national_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")
    os.environ.setdefault("DEBUG", "false")  # as in production: cached templates, no query log
    import django

    django.setup()
    from django.conf import settings
    from django.utils import timezone

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    prepare(small_url, SMALL)
    prepare(national_url, args.clients)

    from bench import pages

    use_database(small_url)
    print(f"[bench] {SMALL} clients …", flush=True)
    small = measure_all(max(3, args.repeats // 3))
    use_database(national_url)
    print(f"[bench] {args.clients} clients …", flush=True)
    subject = pages.subjects()
    national = measure_all(args.repeats)
    national.append(pages.first_request(national_url))
    text, failed = table(national, small, args.clients)
    print(text)
    extra, extra_failed = growth_and_cpu(small_url, national_url, args)
    print(extra)
    failed += extra_failed
    machine = (
        f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}, PostgreSQL {_server_version()}"
    )
    share = (
        f"The demo users' share at {args.clients} clients: `sosiaalityo` is responsible for "
        f"{subject['own_open_cases']} open cases; the week save takes "
        f"{len(subject['week_placements'])} of Pajuluoma's clients placed today (at most "
        f"{pages.WEEK_CLIENTS})."
    )
    results = ROOT / "bench" / "RESULTS.md"
    notes = results.read_text().partition("<!-- notes -->")[2] if results.exists() else ""
    results.write_text(
        "# Benchmark results\n\n"
        f"{timezone.now():%Y-%m-%d %H:%M} UTC on {machine}; `python3 scripts/dev.py bench "
        f"--clients {args.clients} --repeats {args.repeats}`. Median and p95 at "
        f"{args.clients} clients, one user at a time; query counts at both sizes.\n\n"
        f"{share}\n\n{text}\n\n{extra}\n\n"
        f"{failed} budget line(s) failed.\n\n<!-- notes -->{notes}"
    )
    return 1 if failed else 0


def growth_table(rows: list[dict], clients: int) -> tuple[str, int]:
    lines = [
        f"| page | p50 at {SMALL} | p50 at {clients} | growth | budget | |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    failed = 0
    for row in rows:
        ok = row["growth"] <= row["budget"]
        failed += not ok
        lines.append(
            f"| {row['what']} | {row['small_s'] * 1000:.1f} ms | {row['large_s'] * 1000:.1f} ms "
            f"| {row['growth']:.2f}× | ≤ {row['budget']:.1f}× | {'pass' if ok else 'FAIL'} |"
        )
    return "\n".join(lines), failed


def cpu_line(cpu: dict) -> str:
    from bench import pages

    ratio = cpu["mix_s"] / cpu["floor_s"] if cpu["floor_s"] else float("inf")
    return (
        f"CPU per request (this process' user + system time ÷ requests, {cpu['requests']} "
        f"requests of the everyday mix): **{cpu['mix_s'] * 1000:.1f} ms**; a minimal Django "
        f"view through the same middleware in the same run: {cpu['floor_s'] * 1000:.1f} ms "
        f"({ratio:.1f}×). Budget: ≤ {pages.CPU_BUDGET * 1000:.0f} ms or ≤ "
        f"{pages.CPU_FLOOR_RATIO:.0f}× the minimal view: {'pass' if cpu['ok'] else 'FAIL'}."
    )


def growth_and_cpu(small_url: str, national_url: str, args) -> tuple[str, int]:
    """The growth lines (each page timed in turns at both sizes) and the CPU per request
    (issue 30), as Markdown, and how many of their budget lines failed."""
    from bench import pages

    databases = pages.Databases({"small": small_url, "national": national_url})
    try:
        print("[bench] growth: every page at both sizes, in turns …", flush=True)
        text, failed = growth_table(pages.growth(databases, args.repeats), args.clients)
        databases.use("national")
        print("[bench] CPU per request …", flush=True)
        cpu = pages.cpu_per_request(args.repeats)
    finally:
        databases.close()
    failed += not cpu["ok"]
    heading = (
        f"Growth with the data: each page's p50 at {args.clients} clients ÷ its p50 at "
        f"{SMALL}, the two timed in turns in the same run."
    )
    return f"{heading}\n\n{text}\n\n{cpu_line(cpu)}", failed


def _server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    sys.exit(main())

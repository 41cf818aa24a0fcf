"""kuty's benchmarks: `python3 scripts/dev.py bench [--cases N]`.

Runs in its own database (the server of DATABASE_URL, or the embedded one, database
`<name>_bench`), seeded once per size; prints a table of median and p95 per benchmark
with its query count and budget, and writes bench/RESULTS.md with the machine and date.
Budgets are the benchmark's pass/fail lines, never test assertions."""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bench_database_url(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "kuty"
    return urlunsplit(parts._replace(path=f"/{name}_bench"))


def ensure_database(url: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000, help="open cases (default 100 000)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="drop and seed the bench data again")
    args = parser.parse_args()

    url = bench_database_url(os.environ["DATABASE_URL"])
    if args.fresh:
        drop(url)
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from bench import reminders

    call_command("migrate", "--noinput", verbosity=0)
    if reminders.seeded_size() == 0:
        print(f"[bench] seeding {args.cases} open cases …", flush=True)
        print(f"[bench] seeded in {reminders.seed(args.cases):.1f} s", flush=True)
    rows = reminders.run(args.cases, args.repeats)
    failed = 0
    lines = [
        "| benchmark | median | p95 | queries | budget | |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        ok = row["p95_s"] <= row["budget"]
        failed += not ok
        lines.append(
            f"| {row['what']} | {row['median_s'] * 1000:.0f} ms | {row['p95_s'] * 1000:.0f} ms "
            f"| {row['queries']} | {row['budget'] * 1000:.0f} ms | {'pass' if ok else 'FAIL'} |"
        )
    table = "\n".join(lines)
    print(table)
    machine = f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}"
    (ROOT / "bench" / "RESULTS.md").write_text(
        "# Benchmark results\n\n"
        f"{timezone.now():%Y-%m-%d %H:%M} UTC on {machine}; `python3 scripts/dev.py bench "
        f"--cases {args.cases}`.\n\n{table}\n"
    )
    return 1 if failed else 0


def drop(url: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())

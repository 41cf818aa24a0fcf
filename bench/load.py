"""kuty's load test: `python3 scripts/dev.py bench --load [options]`.

Starts gunicorn (4 workers) on 127.0.0.1 against the bench database, runs 50 simulated
users (bench/locustfile.py: social workers, supervisors, TE officers and coordinators,
1–5 s think time) headless with locust for 60 s, stops both, and prints throughput,
p50/p95/p99 and errors with a pass/fail line against the budget (0 errors, page p95 under
150 ms). Writes bench/LOAD.md with the machine and date. Loopback only, bounded in time:
locust stops itself after --duration, and everything is ended by the deadline whatever
happens.

The data: by default the bench's national database (`<name>_bench`, filled by
`manage.py seed_scale`, where the demo logins hold a realistic share; `--small`: the
bench's 1 000-client `<name>_bench_small`); `--demo` uses its own database `<name>_load`
with `manage.py seed_demo`; `--database-url` names any. Run the bench once first: this
only migrates, it does not seed national data. Logins: the demo ones, or --accounts."""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

HOST = "127.0.0.1"  # never anything else: the load goes to this machine only
BUDGET_P95_MS = 150
RAMP_LIMIT_S = 180  # the longest the users may take to log in before the window opens
# The demo logins (README "Demo logins"); seed_scale's are given with --accounts.
DEMO_ACCOUNTS = {
    "social_worker": ["sosiaalityo", "sosiaalityo.lapua"],
    "supervisor": ["ohjaaja", "ohjaaja.kurikka"],
    "te_officer": ["te"],
    "coordinator": ["koordinaattori"],
}
ROLES = tuple(DEMO_ACCOUNTS)
SETUP_NAMES = ("login",)  # timed and reported, but not pages: the budget is for pages


def parse_accounts(spec: str) -> dict[str, list[str]]:
    """`social_worker=a,b;supervisor=c;te_officer=d;coordinator=e` → role → usernames,
    or `@file.json` with the same mapping."""
    if spec.startswith("@"):
        found = json.loads(Path(spec[1:]).read_text())
    else:
        found = {}
        for part in filter(None, (item.strip() for item in spec.split(";"))):
            role, _, names = part.partition("=")
            found[role.strip()] = [name.strip() for name in names.split(",") if name.strip()]
    unknown = set(found) - set(ROLES)
    if unknown:
        raise SystemExit(f"[load] unknown roles in --accounts: {', '.join(sorted(unknown))}")
    return found


def database_url(url: str, suffix: str) -> str:
    """The database `<name><suffix>` on the server of `url` (the bench's naming)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{parts.path.lstrip('/') or 'kuty'}{suffix}"))


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (the value below which `share` of the values fall)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, int(-(-share * len(ordered) // 1)))  # ceil
    return ordered[min(rank, len(ordered)) - 1]


def summarise(timings: list, duration_s: float) -> dict:
    """Timings are (name, start s, time ms, failed, measured); the budget is for the pages
    of the measured window, and an error anywhere, ramp included, counts."""
    every_page = [t for t in timings if t[0] not in SETUP_NAMES and not t[0].startswith("setup:")]
    pages = [t for t in every_page if t[4]]
    ramp = [t[2] for t in every_page if not t[4]]
    logins = [t for t in timings if t[0] == "login"]
    times = [t[2] for t in pages]
    by_page: dict[str, list] = {}
    for name, _start, elapsed, failed, _measured in pages:
        by_page.setdefault(name, []).append((elapsed, failed))
    return {
        "requests": sum(1 for t in timings if t[4]),
        "pages": len(pages),
        "errors": sum(1 for t in timings if t[3]),
        "throughput": sum(1 for t in timings if t[4]) / duration_s if duration_s else 0.0,
        "ramp_pages": len(ramp),
        "ramp_p50": percentile(ramp, 0.50),
        "ramp_p95": percentile(ramp, 0.95),
        "p50": percentile(times, 0.50),
        "p95": percentile(times, 0.95),
        "p99": percentile(times, 0.99),
        "login_p50": median([t[2] for t in logins]) if logins else 0.0,
        "login_p95": percentile([t[2] for t in logins], 0.95),
        "logins": len(logins),
        "by_page": {
            name: {
                "count": len(rows),
                "errors": sum(failed for _e, failed in rows),
                "p50": percentile([e for e, _f in rows], 0.50),
                "p95": percentile([e for e, _f in rows], 0.95),
                "p99": percentile([e for e, _f in rows], 0.99),
            }
            for name, rows in sorted(by_page.items())
        },
    }


def table(summary: dict, args: argparse.Namespace) -> str:
    lines = [
        "| page | requests | errors | p50 | p95 | p99 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in summary["by_page"].items():
        lines.append(
            f"| {name} | {row['count']} | {row['errors']} | {row['p50']:.0f} ms "
            f"| {row['p95']:.0f} ms | {row['p99']:.0f} ms |"
        )
    lines.append(
        f"| **all pages** | {summary['pages']} | {summary['errors']} | {summary['p50']:.0f} ms "
        f"| {summary['p95']:.0f} ms | {summary['p99']:.0f} ms |"
    )
    lines.append(
        f"| login (password hash; not in the budget) | {summary['logins']} | – "
        f"| {summary['login_p50']:.0f} ms | {summary['login_p95']:.0f} ms | – |"
    )
    lines.append(
        f"| pages while users were logging in (not in the budget) | {summary['ramp_pages']} "
        f"| – | {summary['ramp_p50']:.0f} ms | {summary['ramp_p95']:.0f} ms | – |"
    )
    ok = summary["errors"] == 0 and summary["p95"] < BUDGET_P95_MS and summary["pages"] > 0
    verdict = (
        f"{'pass' if ok else 'FAIL'}: {args.users} users, {args.duration} s, "
        f"{summary['throughput']:.1f} req/s, {summary['errors']} errors, "
        f"page p95 {summary['p95']:.0f} ms (budget: 0 errors, p95 < {BUDGET_P95_MS} ms)"
    )
    return "\n".join(lines) + "\n\n" + verdict


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("[load] gunicorn stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own http://127.0.0.1
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"[load] gunicorn did not answer within {seconds:.0f} s")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # its own group: the master and its workers
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def prepare(url: str, demo: bool, env: dict[str, str]) -> None:
    ensure_database(url)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    if demo:
        print("[load] seeding the demo data (manage.py seed_demo) …", flush=True)
        subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    import psycopg

    with psycopg.connect(url) as connection:
        users = connection.execute("SELECT count(*) FROM accounts_user").fetchone()[0]
    if not users:
        raise SystemExit(
            f"[load] {url.rsplit('/', 1)[-1]} has no users: run `scripts/dev.py bench` "
            "first (it seeds the national data), or use --demo"
        )


def workers_cpu(master: int) -> float:
    """The user + system CPU seconds of a gunicorn master's workers so far (Linux: the
    children's /proc/<pid>/stat; a worker restarted meanwhile loses its share)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # the parent's pid
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def run_load(args: argparse.Namespace, url: str, accounts: dict, env: dict) -> dict:
    """gunicorn started, locust's users run against it, both stopped: the timings, the
    load average before and after, and the workers' CPU seconds over the run."""
    port = free_port()
    target = f"http://{HOST}:{port}"
    work = Path(tempfile.mkdtemp(prefix="kuty-load-"))
    gunicorn = locust = None
    log = (work / "gunicorn.log").open("w")
    load_before = os.getloadavg()
    try:
        gunicorn = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "kuty.wsgi",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(args.workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # each worker loads the app and warms its caches first; slow on a busy machine
        wait_until_up(f"{target}/healthz", gunicorn, 180)
        sampler = CpuSampler(gunicorn.pid)
        sampler.start()
        print(
            f"[load] gunicorn ({args.workers} workers) at {target}; {args.users} users "
            f"for {args.duration} s …",
            flush=True,
        )
        out = work / "timings.json"
        locust_env = {
            **env,
            "KUTY_LOAD_ACCOUNTS": json.dumps(accounts),
            "KUTY_LOAD_OUT": str(out),
            "KUTY_LOAD_REPORTS_URL": args.reports_url,
            "KUTY_LOAD_USERS": str(args.users),
            "KUTY_LOAD_DURATION": str(args.duration),
            "PYTHONPATH": str(ROOT),  # the locustfile imports bench.load_pages
        }
        # the demo password unless told (seed_scale's accounts share one as well)
        locust_env["KUTY_LOAD_PASSWORD"] = args.password or "kuty-demo-2026"
        started = time.monotonic()
        locust = subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                target,
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                # a bound only: the locustfile ends the run `duration` s after the last
                # login; this ends it anyway should the logins never complete
                "--run-time",
                f"{args.duration + RAMP_LIMIT_S}s",
                # requests under way when the window closes finish and are counted
                "--stop-timeout",
                "35",
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--logfile",
                str(work / "locust.log"),
            ],
            cwd=ROOT,
            env=locust_env,
            capture_output=True,
            text=True,
            timeout=args.duration + RAMP_LIMIT_S + 60,
        )
        elapsed = time.monotonic() - started
        if not out.exists():
            print(locust.stdout[-3000:], locust.stderr[-3000:], sep="\n")
            raise SystemExit("[load] locust wrote no timings")
        timings = json.loads(out.read_text())
    finally:
        if gunicorn is not None and "sampler" in locals():
            sampler.stop()
        stop(gunicorn)
        log.close()
    return {
        "timings": timings,
        "elapsed": elapsed,
        "locust": locust,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "work": work,
        "cpu_samples": sampler.samples,
    }


class CpuSampler:
    """The workers' CPU seconds sampled every half second (wall clock, CPU), so the CPU of
    the measured window alone can be read: not the logins' password hashes before it."""

    def __init__(self, master: int) -> None:
        import threading

        self.master, self.samples = master, []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while not self._done.is_set():
            self.samples.append((time.time(), workers_cpu(self.master)))
            self._done.wait(0.5)

    def stop(self) -> None:
        self._done.set()
        self._thread.join(5)
        self.samples.append((time.time(), workers_cpu(self.master)))


def cpu_between(samples: list[tuple[float, float]], first: float, last: float) -> float:
    """The CPU seconds spent between two wall-clock moments (the samples nearest them)."""
    if not samples:
        return 0.0

    def at(moment: float) -> float:
        return min(samples, key=lambda sample: abs(sample[0] - moment))[1]

    return max(at(last) - at(first), 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    # One login a second: each is a deliberately slow password hash (about a second of
    # one core), and real users' logins are spread over the morning, not 50 at once.
    parser.add_argument("--spawn-rate", type=float, default=1.0, help="users started a second")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--demo", action="store_true", help="seed_demo data and demo logins")
    parser.add_argument("--small", action="store_true", help="the bench's 1 000-client data")
    parser.add_argument("--database-url", help="default: the bench database of DATABASE_URL")
    parser.add_argument(
        "--accounts",
        help="role=user,user;… (roles: social_worker, supervisor, te_officer, coordinator) "
        "or @file.json; default: the demo logins",
    )
    parser.add_argument("--password", default=os.environ.get("KUTY_LOAD_PASSWORD"))
    parser.add_argument("--reports-url", default="/raportit/")
    parser.add_argument(
        "--ramp",
        nargs="?",
        const=",".join(str(n) for n in RAMP_USERS),
        type=lambda text: [int(n) for n in text.split(",") if n.strip()],
        help="run at each of these numbers of users (default 1,10,25,50,100): the knee",
    )
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 600 or not 0 < args.users <= 500:
        raise SystemExit("[load] --duration is 1–600 s and --users 1–500")

    base = os.environ["DATABASE_URL"]
    if args.database_url:
        url = args.database_url
    elif args.demo:
        url = database_url(base, "_load")
    else:
        url = database_url(base, "_bench_small" if args.small else "_bench")
    accounts = parse_accounts(args.accounts) if args.accounts else DEMO_ACCOUNTS
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "kuty.settings",
        "DEBUG": "false",  # as in production: no query log kept in memory
        "ALLOWED_HOSTS": HOST,
    }
    env.pop("DATABASE_REPLICA_URL", None)  # a replica of another database would mislead
    prepare(url, args.demo, env)
    if args.ramp:
        return ramp(args, url, accounts, env, argv)

    run = run_load(args, url, accounts, env)
    timings, locust = run["timings"], run["locust"]
    load_before, load_after, work = run["load_before"], run["load_after"], run["work"]
    first, last, window = measured_window(timings, run["elapsed"])
    summary = summarise(timings, window)
    report = table(summary, args)
    cpu = cpu_between(run["cpu_samples"], first, last)
    # other work on the machine moves the numbers: say how busy it was
    report += (
        f"\n\nmeasured window {window:.0f} s; load average (1 min) {load_before[0]:.1f} "
        f"before, {load_after[0]:.1f} after, on {os.cpu_count()} cores; the workers' CPU "
        f"(user + system) in the window {cpu_per_request(cpu, summary):.1f} ms a request"
    )
    if load_before[0] > (os.cpu_count() or 1):
        report += (
            " — the machine was already busy with other work before the test: these "
            "numbers measure the machine's share left to kuty, not kuty; run it again idle"
        )
    print(report)
    print(f"[load] gunicorn's log: {work / 'gunicorn.log'}")
    if summary["errors"]:
        errors = (locust.stdout + locust.stderr).partition("Error report")[2]
        print("[load] locust's error report:" + errors[:4000])
    write_load_md(
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on {machine()}; "
        f"`python3 scripts/dev.py bench --load {' '.join(argv or sys.argv[1:])}`; "
        f"gunicorn {args.workers} workers on loopback, locust {args.users} users "
        f"(social workers 5 : supervisors 3 : TE officers 1 : coordinators 1), think time "
        f"1–5 s, {args.duration} s; database `{url.rsplit('/', 1)[-1]}`.\n\n{report}\n",
        ramp=False,
    )
    return 0 if summary["errors"] == 0 and summary["p95"] < BUDGET_P95_MS else 1


RAMP_MARK = "<!-- ramp -->"
RAMP_USERS = (1, 10, 25, 50, 100)


def machine() -> str:
    return f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}"


def write_load_md(text: str, *, ramp: bool) -> None:
    """bench/LOAD.md: the single run above the ramp's mark, the ramp below it; writing one
    keeps the other."""
    path = ROOT / "bench" / "LOAD.md"
    old = path.read_text() if path.exists() else ""
    single, _mark, ramped = old.partition(RAMP_MARK)
    if ramp:
        single = single or "# Load test\n\n"
        path.write_text(f"{single.rstrip()}\n\n{RAMP_MARK}\n\n{text}")
    else:
        tail = f"\n{RAMP_MARK}{ramped}" if _mark else ""
        path.write_text(f"# Load test\n\n{text}{tail}")


def measured_window(timings: list, elapsed: float) -> tuple[float, float, float]:
    """The measured window: from its first request to its last answer."""
    measured = [t for t in timings if t[4]]
    if not measured:
        return 0.0, 0.0, elapsed
    first = min(t[1] for t in measured)
    last = max(t[1] + t[2] / 1000 for t in measured)
    return first, last, max(last - first, 1.0)


def cpu_per_request(cpu_s: float, summary: dict) -> float:
    return cpu_s * 1000 / summary["requests"] if summary["requests"] else 0.0


def ramp(args: argparse.Namespace, url: str, accounts: dict, env: dict, argv) -> int:
    """The same load at each number of users in turn (a fresh gunicorn each): where the
    throughput stops growing with the users and the p95 climbs is the knee. The load
    average beside each line says how busy the machine was (issue 30)."""
    lines = [
        "| users | requests/s | p50 | p95 | errors | workers' CPU a request "
        "| load average before → after |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for users in args.ramp:
        args.users = users
        run = run_load(args, url, accounts, env)
        first, last, window = measured_window(run["timings"], run["elapsed"])
        summary = summarise(run["timings"], window)
        cpu = cpu_between(run["cpu_samples"], first, last)
        line = (
            f"| {users} | {summary['throughput']:.1f} | {summary['p50']:.0f} ms "
            f"| {summary['p95']:.0f} ms | {summary['errors']} "
            f"| {cpu_per_request(cpu, summary):.1f} ms "
            f"| {run['load_before'][0]:.1f} → {run['load_after'][0]:.1f} |"
        )
        print(line, flush=True)
        lines.append(line)
    text = "\n".join(lines)
    write_load_md(
        "## Ramp\n\n"
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC on {machine()}; "
        f"`python3 scripts/dev.py bench --load {' '.join(argv or sys.argv[1:])}`; "
        f"gunicorn {args.workers} workers, {args.duration} s at each number of users, "
        f"think time 1–5 s; database `{url.rsplit('/', 1)[-1]}`.\n\n{text}\n",
        ramp=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

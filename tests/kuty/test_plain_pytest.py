"""Plain `pytest`, not the runner, gets the runner's result or is told what to run
(issue 23, item 6): before, it created the test database as the superuser, the role
tests failed, and the runner then failed with "must be owner" on what it left."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

from core.dbroles import with_database

ROOT = Path(__file__).resolve().parents[2]
# The three tests that failed when plain pytest ran as the superuser.
ROLE_TESTS = (
    "tests/clients/test_log_roles.py",
    "-k",
    "not_the_owner_nor_a_superuser or replication_role or later_migration",
)


def plain_pytest(database_url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """`pytest` with only DATABASE_URL of the database settings, no runner around it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_", "PYTEST_"))
    }
    environment.update(
        DATABASE_URL=database_url,
        REDIS_URL=settings.REDIS_URL,
        KUTY_DATA_DIR=str(tmp_path),  # no .data/embedded.env of a running dev server
    )
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_plain_pytest_without_an_administrator_says_what_to_run(tmp_path):
    application = with_database(settings.DATABASE_URL, f"kuty_plain_{uuid.uuid4().hex[:8]}")

    run = plain_pytest(application, tmp_path, "tests/kuty/test_law.py")

    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    assert "python3 scripts/dev.py test" in run.stdout + run.stderr


def test_plain_pytest_as_the_administrator_runs_as_the_runner_does(tmp_path):
    admin = os.environ.get("DATABASE_ADMIN_URL")
    if not admin:
        pytest.skip("no administrator's URL (DATABASE_ADMIN_URL) to run plain pytest with")
    name = f"kuty_plain_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(with_database(admin, "postgres"), autocommit=True) as connection:
        # What an earlier plain run left: a test database of the superuser's.
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(f"test_{name}")))
    try:
        run = plain_pytest(with_database(admin, name), tmp_path, *ROLE_TESTS)
    finally:
        with psycopg.connect(with_database(admin, "postgres"), autocommit=True) as connection:
            for database in (f"test_{name}", name):
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(database))
                )

    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout

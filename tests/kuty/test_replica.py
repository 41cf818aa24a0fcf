"""A read replica for the reports (issue 15, item 6): DATABASE_REPLICA_URL adds the
`replica` alias; the router sends the reports' reads there and every write, the access
log first of all, to the primary. Without the variable there is no replica alias.

The probe runs in its own process, configured from its environment as production is,
against this test database (the replica URL names the same database: a mirror)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import dj_database_url
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from core import db

ROOT = Path(__file__).resolve().parents[2]
PRIMARY = "postgresql://kuty_app:secret@db.example:5432/kuty"
REPLICA = "postgresql://kuty_app:secret@replica.example:5432/kuty"


def test_without_a_replica_url_there_is_no_replica():
    assert db.replica({}, {"ENGINE": "django.db.backends.postgresql"}) == {}


def test_the_replica_url_adds_a_replica_that_mirrors_the_primary_in_tests():
    primary = dj_database_url.parse(PRIMARY)
    primary["OPTIONS"] = {"options": "-c jit=off"}
    found = db.replica({"DATABASE_REPLICA_URL": REPLICA}, primary)["replica"]
    assert found["HOST"] == "replica.example"
    assert found["OPTIONS"] == {"options": "-c jit=off"}  # connects like the primary
    assert found["TEST"] == {"MIRROR": "default"}


def test_a_replica_must_be_postgresql_too():
    with pytest.raises(ImproperlyConfigured, match="postgresql"):
        db.replica({"DATABASE_REPLICA_URL": "sqlite:///replica.db"}, {})


def test_migrations_run_on_the_primary_only():
    assert db.ReplicaRouter().allow_migrate("default", "clients")
    assert not db.ReplicaRouter().allow_migrate("replica", "clients")


def this_database_url() -> str:
    conf = connections["default"].settings_dict
    user = quote(conf["USER"] or "", safe="")
    password = quote(conf["PASSWORD"] or "", safe="")
    host = conf["HOST"] or "127.0.0.1"
    return f"postgresql://{user}:{password}@{host}:{conf['PORT'] or 5432}/{conf['NAME']}"


def probe(*pages: str, **environ: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_REPLICA_URL"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    env.update(DJANGO_SETTINGS_MODULE="kuty.settings_test", **environ)
    result = subprocess.run(
        [sys.executable, "-m", "tests.kuty.replica_probe", *pages],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


WRITE = re.compile(r"\b(INSERT INTO|UPDATE|DELETE FROM)\b")


def writes(queries: list[str]) -> list[str]:
    # pghistory's middleware puts its context in front of a write in the same statement
    return [sql for sql in queries if WRITE.search(sql)]


@pytest.mark.django_db(transaction=True)
def test_without_the_variable_everything_reads_and_writes_the_primary(world):
    found = probe(DATABASE_URL=this_database_url())
    assert found["aliases"] == ["default"]
    assert found["read_alias"] == "default"
    assert found["write_alias"] == "default"


@pytest.mark.django_db(transaction=True)
def test_reports_read_the_replica_and_every_write_goes_to_the_primary(world):
    url = this_database_url()
    case_page = f"/asiakkuudet/{world.case.pk}/"
    found = probe("kaisa", "/", "alice", case_page, DATABASE_URL=url, DATABASE_REPLICA_URL=url)
    assert found["aliases"] == ["default", "replica"]
    assert found["read_alias"] == "replica"
    # inside a transaction a read stays on the primary: it must see its own writes
    assert found["read_alias_in_transaction"] == "default"
    assert found["write_alias"] == "default"

    coordinator = found["/"]
    assert coordinator["status"] == 200
    assert "Seinäjoki" in coordinator["body"]  # the capacity figures, read on the replica
    assert any("GROUP BY" in sql and "accounts_site" in sql for sql in coordinator["replica"])
    assert writes(coordinator["replica"]) == []
    # nothing written at all: the session is renewed at most once a minute and a page
    # listing no client writes no log (issue 15); the case page below writes, on the primary
    assert writes(coordinator["default"]) == []

    worker = found[case_page]
    assert worker["status"] == 200
    assert worker["replica"] == []  # a case page reads what was just saved: the primary
    access_log = [sql for sql in writes(worker["default"]) if "clients_accesslog" in sql]
    assert len(access_log) == 1

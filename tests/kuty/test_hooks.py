"""core.hooks' later listeners: one failing does not stop the others and fails the task;
with the broker unreachable, those registered `in_request` run in the request after the
commit, the others are left for their nightly repair."""

from pathlib import Path

import pytest
from django.db import connection

from core import hooks

ROOT = Path(__file__).resolve().parents[2]
ran: list[str] = []


def works(ids, topic):
    ran.append(f"works {ids} {topic}")


def fails(ids, topic):
    ran.append("fails")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1/0")  # a real database error, in the listener's own savepoint


def also_works(ids, topic):
    with connection.cursor() as cursor:  # the transaction is usable after the failure
        cursor.execute("SELECT 1")
    ran.append("also works")


@pytest.fixture
def listeners():
    saved = hooks._later[:], hooks._in_request[:]
    hooks._later[:], hooks._in_request[:] = [], []
    ran.clear()
    yield
    hooks._later[:], hooks._in_request[:] = saved


@pytest.mark.django_db
def test_one_failing_listener_does_not_stop_the_others_and_fails_the_task(listeners):
    from django.db.utils import DataError

    hooks.on_matter_changed_later(works, in_request=True)
    hooks.on_matter_changed_later(fails, in_request=False)
    hooks.on_matter_changed_later(also_works, in_request=False)
    with pytest.raises(DataError):
        hooks.matter_changed_later.apply(args=[[3, 1], "attendance"], throw=True)
    assert ran == ["works [3, 1] attendance", "fails", "also works"]


@pytest.mark.django_db
def test_registering_twice_registers_once(listeners):
    hooks.on_matter_changed_later(works, in_request=True)
    hooks.on_matter_changed_later(works, in_request=True)
    assert hooks._later == [works] and hooks._in_request == [works]


UNREACHABLE = """
import django, json, sys
django.setup()
from django.db import transaction
from core import hooks
with transaction.atomic():
    hooks.matter_changed([int(sys.argv[1])], "attendance")
print(json.dumps("done"))
"""


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_with_the_broker_unreachable_the_in_request_listeners_run_after_the_commit(world, tmp_path):
    """A web process whose broker refuses connections (nothing listens on port 1): the
    publish fails after Celery's retries, the write stands, the reminders' later rules
    (`in_request`) run in the request after the commit, the rollups (not `in_request`)
    wait for the nightly rebuild."""
    import os
    import subprocess
    import sys

    from followup.models import Reminder
    from reports.models import CaseFact
    from tests.factories import CaseFactory
    from tests.kuty.test_celery_heartbeat import url_of_test_database

    case = CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    stale = Reminder.objects.create(kind="absences_in_row", case=case, due_on=case.opened_on)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kuty.settings",
        "DATABASE_URL": url_of_test_database(),
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "KUTY_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", UNREACHABLE, str(case.pk)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "not queued; doing it here" in done.stderr
    assert Reminder.objects.get(pk=stale.pk).status == "resolved"
    assert not CaseFact.objects.filter(case_id=case.pk).exists()

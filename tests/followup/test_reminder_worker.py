"""A real Celery worker on the real Redis runs the reminder sweep; killed in the middle of
the sweep, the task is delivered again (acks_late, reject on worker lost) and the rerun
creates no duplicate: the unique key of rule, case and due date holds."""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from followup.models import Reminder, Review
from tests.factories import CaseFactory
from tests.kuty.test_celery_heartbeat import url_of_test_database

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, seconds: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


class WorkerRun:
    def __init__(self, process: subprocess.Popen, queue: str) -> None:
        self.process, self.queue, self.output = process, queue, ""


@contextmanager
def celery_worker(tmp_path):
    """A real Celery worker (`celery -A kuty worker`) on the test database and Redis,
    consuming a queue of its own; stopped on leaving, its log kept in `.output`. A failed
    assertion inside is raised again with the worker's log as its message."""
    queue = f"test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kuty.settings",
        "DATABASE_URL": url_of_test_database(),
        "REDIS_URL": settings.REDIS_URL,
        "KUTY_CELERY_QUEUE": queue,
        "KUTY_DATA_DIR": str(tmp_path),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "kuty", "worker", "--concurrency", "1",
         "-l", "info"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    run = WorkerRun(process, queue)
    failed = False
    try:
        yield run
    except AssertionError:
        failed = True
    finally:
        if process.poll() is None:
            process.terminate()
        run.output = process.communicate(timeout=60)[0]
    if failed:
        raise AssertionError(run.output[-4000:]) from None


def sweep_blocked_on_lock() -> bool:
    with connection.cursor() as cursor:
        # inside a transaction the statistics views keep their first snapshot
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query LIKE %s",
            ["%placements_absencenotice%"],
        )
        return cursor.fetchone()[0] > 0


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in found.split()]


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_sweep_creates_no_duplicate(world, tmp_path):
    # old cases with a review date passed: work for a rule before the TT3 rule (the
    # review's) and after it (the case idle since the review)
    long_ago = timezone.localdate() - datetime.timedelta(days=365)
    for _ in range(5):
        case = CaseFactory(
            municipality=world.seinajoki, responsible_worker=world.alice, opened_on=long_ago
        )
        Review.objects.create(
            case=case,
            kind="review",
            held_on=long_ago,
            participants="x",
            agreed="y",
            next_review_on=long_ago + datetime.timedelta(days=30),
            recorded_by=world.alice,
        )
    with celery_worker(tmp_path) as run:
        from followup.tasks import send_reminders

        # The TT3 rule sits in the middle of the rules: hold a lock on its table, so the
        # sweep has committed the rules before it and waits there when it is killed.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("LOCK TABLE placements_absencenotice IN ACCESS EXCLUSIVE MODE")
            send_reminders.apply_async(queue=run.queue)
            wait_for(sweep_blocked_on_lock, what="the sweep to reach the TT3 rule")
            first_pass = Reminder.objects.count()
            [child] = children(run.process.pid)
            os.kill(child, signal.SIGKILL)  # the pool process running the task dies
            time.sleep(1)
        # the lock is released; the task is delivered again and the sweep runs to its end
        wait_for(
            lambda: (
                Reminder.objects.filter(kind="case_idle").count() == 5
                and Reminder.objects.filter(recipients__isnull=False).exists()
            ),
            what="the redelivered sweep to finish",
        )
        wait_for(lambda: not sweep_blocked_on_lock(), what="the sweep to leave the lock")
        time.sleep(2)  # let the rerun finish its last statements
    output = run.output
    assert first_pass > 0, output[-3000:]
    assert "WorkerLostError" in output or "Worker exited prematurely" in output, output[-3000:]
    keys = list(Reminder.objects.values_list("kind", "case_id", "due_on"))
    assert len(keys) == len(set(keys))
    assert Reminder.objects.filter(kind="case_idle").count() == 5
    assert Reminder.objects.filter(kind="review_overdue").count() == 5


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_week_save_sends_one_message_that_the_worker_turns_into_both_refreshes(
    world, placed, tmp_path
):
    """core.hooks: the save's commit publishes one message for every later listener (the
    reminders' `later` rules and the report rollups), and a real worker runs them both:
    an open reminder of a `later` rule that no longer matches closes, and the case's
    attendance reaches the rollups."""
    import json

    import redis

    from followup.models import Reminder
    from placements import services as placement_services
    from reports.models import AttendanceMonth
    from tests.followup.test_reminders import on, scheduled_days

    day = scheduled_days(placed, placed.start_on, 1)[0]  # recorded on the day (the clock)
    # absences in a row (a `later` rule of the attendance topic): open, matching nothing
    stale = Reminder.objects.create(kind="absences_in_row", case=placed.case, due_on=day)
    broker = redis.Redis.from_url(settings.REDIS_URL)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE  # the test run's own (kuty.settings_test)
    broker.delete(queue)
    with on(day):
        placement_services.attendance_record_week(
            user=world.pekka,
            site=world.site,
            entries=[{"placement": placed.pk, "day": day, "status": "present", "hours": 4}],
        )
    assert broker.llen(queue) == 1
    message = json.loads(broker.lindex(queue, 0))
    assert message["headers"]["task"] == "core.hooks.matter_changed_later"
    assert message["headers"]["argsrepr"] == "(1 cases, 'attendance')"
    assert Reminder.objects.get(pk=stale.pk).status == "open"  # not in the request
    assert not AttendanceMonth.objects.filter(case_id=placed.case_id).exists()
    with celery_worker(tmp_path) as run:
        broker.lmove(queue, run.queue, "LEFT", "LEFT")  # exactly that message, to the worker
        wait_for(
            lambda: Reminder.objects.get(pk=stale.pk).status == "resolved",
            what="the worker to close the reminder",
        )
        wait_for(
            lambda: AttendanceMonth.objects.filter(case_id=placed.case_id).exists(),
            what="the worker to refresh the case's rollups",
        )
    assert AttendanceMonth.objects.get(case_id=placed.case_id).present == 1 << (day.day - 1)

"""A real Celery worker with its beat, on the real Redis, writes heartbeat rows."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from kuty.models import Heartbeat

ROOT = Path(__file__).resolve().parents[2]


def url_of_test_database() -> str:
    db = connection.settings_dict
    host = db["HOST"] or db["OPTIONS"].get("host", "")
    if host.startswith("/"):
        return f"postgresql://{db['USER']}:{db['PASSWORD'] or ''}@/{db['NAME']}?host={host}"
    return (
        f"postgresql://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_beat_and_worker_write_heartbeat_rows(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kuty.settings",
        "DATABASE_URL": url_of_test_database(),
        "REDIS_URL": settings.REDIS_URL,
        "KUTY_HEARTBEAT_SECONDS": "1",
        "KUTY_CELERY_QUEUE": f"test-{uuid.uuid4().hex}",
        "KUTY_DATA_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "kuty",
            "worker",
            "--beat",
            "--pool",
            "solo",
            "-l",
            "info",
            "-s",
            str(tmp_path / "schedule"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while Heartbeat.objects.count() < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        beats = list(Heartbeat.objects.all())
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert len(beats) >= 2, output[-3000:]
    assert beats[0].hostname

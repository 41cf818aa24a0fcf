"""Issue 28: a lost database connection is not an error for the next request, a task in
flight on a killed short worker comes back within minutes, and the browser features no
page uses are off."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_a_terminated_database_connection_is_replaced_before_the_next_request():
    """Through Django's own request handler (the test client skips the connection check
    at a request's start): the first request opens a connection, the server ends it (a
    failover, a pooler's restart), the next request must not fail on it."""

    def health() -> dict:
        environ = RequestFactory().get("/healthz").environ
        body = b"".join(WSGIHandler()(environ, lambda status, headers: None))
        return json.loads(body)

    assert health()["database"] == "ok"
    pid = connection.connection.info.backend_pid  # the connection kept for the next
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    assert health()["database"] == "ok"


def celery_settings(**environment) -> dict:
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'routes': s.CELERY_TASK_ROUTES, 'transport': s.CELERY_BROKER_TRANSPORT_OPTIONS, "
        "'limit': s.CELERY_TASK_TIME_LIMIT, 'acks_late': s.CELERY_TASK_ACKS_LATE}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kuty.settings", **environment}
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_short_workers_get_a_lost_task_back_in_five_minutes():
    short = celery_settings(KUTY_CELERY_LONG_QUEUE="kuty-long", KUTY_CELERY_WORKER="short")
    assert short["acks_late"]
    assert short["limit"] < short["transport"]["visibility_timeout"] <= 5 * 60
    assert short["routes"]["reports.tasks.refresh_rollups"] == {"queue": "kuty-long"}
    assert "core.hooks.matter_changed_later" not in short["routes"]  # a write's message


def test_the_long_worker_keeps_its_own_unacknowledged_messages():
    long = celery_settings(KUTY_CELERY_LONG_QUEUE="kuty-long", KUTY_CELERY_WORKER="long")
    assert long["transport"]["visibility_timeout"] >= 2 * long["limit"] >= 60 * 60
    assert long["transport"]["unacked_key"] != "unacked"  # kombu's default: the short's


def test_compose_runs_short_and_long_workers_on_their_queues():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    short, long = services["worker"], services["worker-long"]
    assert short["environment"]["KUTY_CELERY_WORKER"] == "short"
    assert short["command"][-2:] == ["-Q", "kuty"]
    assert long["environment"]["KUTY_CELERY_WORKER"] == "long"
    assert long["command"][-2:] == ["-Q", short["environment"]["KUTY_CELERY_LONG_QUEUE"]]


def test_every_page_turns_off_the_browser_features_it_does_not_use(client, db):
    policy = client.get("/kirjaudu/").headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_the_api_schema_and_docs_need_a_sign_in_in_production():
    code = (
        "import django; django.setup(); from drf_spectacular import views as v; "
        "print(sorted({c.__name__ for view in (v.SpectacularAPIView, "
        "v.SpectacularSwaggerSplitView, v.SpectacularRedocView) "
        "for c in view.permission_classes}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kuty.settings",
        "KUTY_PROFILE": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "kuty.invalid",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip().splitlines()[-1] == "['IsAuthenticated']", out.stderr[-2000:]

"""A real Celery worker sends the decision's message; killed while the service holds the
request, the task is delivered again (acks_late, reject on worker lost) and the service,
which had taken the message, answers the retry 409: one message, recorded once."""

import os
import signal
import time

import pytest
from django.conf import settings

from decisions import services as decisions
from national.models import MessageOutbox, OutboxState
from national.tasks import send_message
from tests.followup.test_reminder_worker import celery_worker, children, wait_for
from tests.national.conftest import replay_server, suomifi_script

WORKER_ENV = {
    "SUOMIFI_USERNAME": "kuty-api",
    "SUOMIFI_PASSWORD": "secret",
    "SUOMIFI_SERVICE_ID": "kuty-service",
    "SUOMIFI_TIMEOUT": "30",
}


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_send_sends_once(world, draft, suomifi_settings, tmp_path, monkeypatch):
    client = draft.case.client
    client.e_service_consent = True
    client.save(update_fields=["e_service_consent"])
    made = decisions.decision_make(user=world.alice, decision=draft)
    row = MessageOutbox.objects.get(decision=made)
    send = [{"status": 200, "delay": 6}, {"status": 200}]
    with replay_server(tmp_path, suomifi_script(send=send)) as server:
        for name, value in {**WORKER_ENV, "SUOMIFI_URL": server.url}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
        with celery_worker(tmp_path) as run:
            send_message.apply_async((row.pk,), queue=run.queue)
            wait_for(
                lambda: server.requests("POST /v2/messages/electronic"),
                what="the worker to send the message",
            )
            [child] = children(run.process.pid)
            os.kill(child, signal.SIGKILL)  # the pool process dies while the service answers
            wait_for(
                lambda: MessageOutbox.objects.get(pk=row.pk).state == OutboxState.SENT,
                seconds=90,
                what="the redelivered task to record the message",
            )
            time.sleep(1)
        posts = server.requests("POST /v2/messages/electronic")
    output = run.output
    assert "WorkerLostError" in output or "Worker exited prematurely" in output, output[-3000:]
    assert [p["externalId"] for p in posts] == [row.external_id] * 2, output[-3000:]
    row.refresh_from_db()
    assert (row.message_id, row.attempts) == (9001, 1)  # the first message; one try recorded

"""Password reset answers alike whether or not the address exists (issue 10, item 7)."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext


def ask_reset(client, email: str, capture) -> tuple:
    with CaptureQueriesContext(connection) as queries, capture(execute=False) as queued:
        response = client.post("/salasana/unohtui/", {"email": email})
    return response, len(queries), queued


def test_known_and_unknown_addresses_get_the_same_answer_and_the_same_work(
    client, world, django_capture_on_commit_callbacks
):
    known = ask_reset(client, world.alice.email, django_capture_on_commit_callbacks)
    unknown = ask_reset(client, "nobody@example.fi", django_capture_on_commit_callbacks)
    assert known[0].status_code == unknown[0].status_code == 302
    assert known[0]["Location"] == unknown[0]["Location"]
    assert known[1] == unknown[1]  # the request never looks the address up
    assert len(known[2]) == len(unknown[2]) == 1  # one queued task each
    assert mail.outbox == []  # nothing is sent while the user waits


def test_the_worker_sends_the_link(client, world, celery_eager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/salasana/unohtui/", {"email": world.alice.email})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.alice.email]
    assert "/salasana/uusi/" in mail.outbox[0].body


def test_the_worker_sends_nothing_to_an_unknown_address(
    client, world, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/salasana/unohtui/", {"email": "nobody@example.fi"})
    assert mail.outbox == []

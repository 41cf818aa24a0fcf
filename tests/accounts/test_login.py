import datetime

import time_machine
from django.core import mail

from tests.factories import PASSWORD


def test_login_takes_the_user_home(client, world):
    response = client.post("/kirjaudu/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_shows_finnish_message(client, world):
    response = client.post("/kirjaudu/", {"username": "alice", "password": "väärä"})
    assert response.status_code == 200
    assert "syötä kelvollinen" in response.content.decode()


def test_login_is_locked_after_five_failures(client, world):
    for _ in range(5):
        client.post("/kirjaudu/", {"username": "alice", "password": "väärä"})
    response = client.post("/kirjaudu/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Liian monta epäonnistunutta" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client, world):
    client.force_login(world.alice)
    client.post("/kirjaudu-ulos/")
    assert client.get("/").status_code == 302


def test_password_reset_sends_a_link(
    client, world, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/salasana/unohtui/", {"email": world.alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/salasana/uusi/" in mail.outbox[0].body


def test_session_expires_after_idle_time(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 30 * 60
    assert settings.SESSION_RENEW_SECONDS == 60


def _session_row(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key)


def test_session_ends_30_minutes_after_the_last_request(client, world):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(world.alice)
        assert client.get("/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        assert client.get("/").status_code == 200  # renews: 30 minutes from now
    with time_machine.travel(start + datetime.timedelta(minutes=49), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=79, seconds=1), tick=False):
        assert client.get("/").status_code == 302  # idle 30 minutes: logged out


def test_session_row_is_written_at_most_once_a_minute(client, world):
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(world.alice)
        client.get("/")
        first = _session_row(client).expire_date
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        client.get("/")
        assert _session_row(client).expire_date == first  # not rewritten
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        client.get("/")
        assert _session_row(client).expire_date == first + datetime.timedelta(seconds=61)


def test_anonymous_request_creates_no_session(client, db):
    from django.contrib.sessions.models import Session

    client.get("/kirjaudu/")
    client.get("/healthz")
    assert not Session.objects.exists()


def test_short_passwords_are_refused(world):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password("lyhyt1", world.alice)
    except ValidationError as error:
        assert any("12" in message for message in error.messages)
    else:
        raise AssertionError("a 6-character password was accepted")


def test_pages_carry_csp_without_inline_script(client, db):
    response = client.get("/kirjaudu/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"

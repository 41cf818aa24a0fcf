"""The client's session is short and ends at the provider too (issue 24)."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import time_machine

from .conftest import MAIJA, identify, sign_in

pytestmark = pytest.mark.django_db


def test_signing_out_ends_the_session_here_and_at_the_provider(client, oidc, maija):
    browser = requests.Session()
    client.get(identify(client, MAIJA, browser))
    response = client.post("/oma/kirjaudu-ulos/")
    end_session = urlsplit(response["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}{end_session.path}" == (
        f"{oidc.issuer}/logout/"
    )
    query = parse_qs(end_session.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/oma/uloskirjautunut/"]
    assert client.get("/oma/")["Location"] == "/oma/kirjaudu/"
    back = browser.get(response["Location"], allow_redirects=False, timeout=10)
    assert back.headers["Location"] == "http://testserver/oma/uloskirjautunut/"
    # the provider forgot her too: a new sign-in asks who she is again
    start = client.get("/oma/kirjaudu/aloita/")
    again = browser.get(start["Location"], allow_redirects=False, timeout=10)
    assert "/tunnistaudu/" in again.headers["Location"]


def test_the_client_session_ends_after_the_idle_timeout(client, oidc, maija, settings):
    sign_in(client, MAIJA)
    assert client.get("/oma/").status_code == 200
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(
        minutes=settings.OMA_IDLE_MINUTES + 1
    )
    with time_machine.travel(later):
        assert client.get("/oma/")["Location"] == "/oma/kirjaudu/"


def test_a_client_session_is_shorter_than_a_staff_session(client, oidc, maija, settings):
    sign_in(client, MAIJA)
    assert client.session.get_expiry_age() == settings.OMA_IDLE_MINUTES * 60
    assert settings.OMA_IDLE_MINUTES * 60 < settings.SESSION_COOKIE_AGE

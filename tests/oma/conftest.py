"""A real OpenID Connect provider process (oma.provider, django-oauth-toolkit) on
127.0.0.1 for the client's sign-in tests, and a browser-like walk through it."""

from __future__ import annotations

import datetime
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import lxml.html
import pytest
import requests

from clients.demo import demo_hetu

MAIJA = demo_hetu(datetime.date(1985, 5, 17), 977)
LEO = demo_hetu(datetime.date(1979, 11, 2), 978)
SECRET = "oma-test-secret"  # noqa: S105 - the test provider's client secret
CALLBACK = "http://testserver/oma/kirjaudu/paluu/"
SIGNED_OUT = "http://testserver/oma/uloskirjautunut/"
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Provider:
    url: str
    process: subprocess.Popen

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def provider(tmp_path_factory) -> Provider:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "oma.provider",
            f"--port={port}",
            f"--dir={tmp_path_factory.mktemp('idp')}",
            "--client-id=kuty",
            f"--client-secret={SECRET}",
            f"--redirect-uri={CALLBACK}",
            f"--logout-uri={SIGNED_OUT}",
            f"--person={MAIJA},Maija,Meikäläinen",
            f"--person={LEO},Leo,Lapualainen",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    assert line.startswith("ready"), line
    yield Provider(url=f"http://127.0.0.1:{port}", process=process)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def oidc(settings, provider):
    """kuty's relying party pointed at the test provider."""
    issuer = provider.issuer
    settings.OMA_OIDC_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID = "kuty"
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/.well-known/jwks.json"
    settings.OMA_OIDC_LOGOUT_ENDPOINT = f"{issuer}/logout/"
    return provider


@pytest.fixture
def maija(world):
    """Maija's client record carries the hetu the provider identifies her with."""
    client = world.case.client
    client.hetu = MAIJA
    client.save(update_fields=["hetu"])
    world.other_case.client.hetu = LEO
    world.other_case.client.save(update_fields=["hetu"])
    return client


def choose_person(browser: requests.Session, authorize_url: str, hetu: str) -> str:
    """At the provider: pick the test person; the URL it sends the browser back to."""
    page = browser.get(authorize_url, timeout=10)
    csrf = browser.cookies.get("idp_csrf")
    next_url = parse_qs(urlsplit(page.url).query)["next"][0]
    answer = browser.post(
        page.url,
        data={"csrfmiddlewaretoken": csrf, "hetu": hetu, "next": next_url},
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    while answer.headers["Location"].startswith("/"):  # the provider's own redirects
        answer = browser.get(
            requests.compat.urljoin(page.url, answer.headers["Location"]),
            allow_redirects=False,
            timeout=10,
        )
    return answer.headers["Location"]


def identify(client, hetu: str, browser: requests.Session | None = None) -> str:
    """Start the sign-in at kuty, choose the person at the provider, and return the
    callback URL (path and query) the provider sends the browser back to."""
    start = client.get("/oma/kirjaudu/aloita/")
    assert start.status_code == 302
    back = urlsplit(choose_person(browser or requests.Session(), start["Location"], hetu))
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    return f"{back.path}?{back.query}"


def access_token(provider: Provider, hetu: str) -> str:
    """The client's token, as an app of the client gets it from the provider."""
    query = urlencode(
        {
            "response_type": "code",
            "client_id": "kuty",
            "redirect_uri": CALLBACK,
            "scope": "openid profile",
            "state": "api",
            "nonce": "api",
        }
    )
    back = choose_person(requests.Session(), f"{provider.issuer}/authorize/?{query}", hetu)
    code = parse_qs(urlsplit(back).query)["code"][0]
    answer = requests.post(
        f"{provider.issuer}/token/",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "client_id": "kuty",
            "client_secret": SECRET,
        },
        timeout=10,
    )
    return answer.json()["access_token"]


def sign_in(client, hetu: str):
    response = client.get(identify(client, hetu))
    assert response.status_code == 302
    return response


def page(response):
    """The answer as a tree, the way a user (and a screen reader) meets it."""
    return lxml.html.fromstring(response.content.decode())


def texts(tree, xpath: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]

"""The demo's identification service (scripts/dev.py run) signs in two demo clients of
seed_demo (issue 24)."""

import subprocess
import sys

import pytest
from django.core.management import call_command

from clients.models import Client
from oma.provider.__main__ import DEMO_PEOPLE, DEMO_SECRET

from .conftest import ROOT, Provider, _free_port, page, sign_in, texts


@pytest.fixture
def demo_provider(tmp_path, settings):
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "oma.provider",
            "--demo",
            f"--port={port}",
            f"--dir={tmp_path}",
            "--kuty-url=http://testserver",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().startswith("ready")
    issuer = f"http://127.0.0.1:{port}/o"
    settings.OMA_OIDC_ISSUER = issuer
    settings.OIDC_RP_CLIENT_SECRET = DEMO_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/.well-known/jwks.json"
    yield Provider(url=f"http://127.0.0.1:{port}", process=process)
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.django_db
def test_the_demo_clients_sign_in_and_see_their_own_pages(client, demo_provider):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for person in DEMO_PEOPLE:
        hetu, first, last = person.split(",")
        assert Client.objects.filter(hetu=hetu, first_names__startswith=first, last_name=last)
    hautala = DEMO_PEOPLE[0].split(",")[0]
    sign_in(client, hautala)
    front = page(client.get("/oma/"))
    assert texts(front, "//h1") == ["Hei Jussi!"]
    assert "Suunnitelmasi odottaa allekirjoitustasi." in texts(front, "//li")

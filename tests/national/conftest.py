import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import lxml.html
import pytest

from tests.decisions.conftest import decision_fields, draft, ready_case  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
RECORDED = Path(__file__).parent / "recorded"


def tree(response):
    return lxml.html.fromstring(response.content.decode())


def texts(page, xpath: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in page.xpath(xpath)]


def recorded(name: str) -> dict:
    return json.loads((RECORDED / name).read_text())


class ReplayServer:
    def __init__(self, process: subprocess.Popen, port: int, log: Path) -> None:
        self.process, self.url, self.log = process, f"http://127.0.0.1:{port}", log

    def requests(self, key: str | None = None) -> list[dict]:
        if not self.log.exists():
            return []
        lines = [json.loads(line) for line in self.log.read_text().splitlines()]
        return [line for line in lines if key is None or line["key"] == key]


@contextmanager
def replay_server(tmp_path: Path, script: dict):
    """A real HTTP server process on 127.0.0.1 replaying the scenario (tests.national.replay)."""
    scenario = tmp_path / f"scenario-{len(list(tmp_path.glob('scenario-*')))}.json"
    scenario.write_text(json.dumps(script))
    log = scenario.with_suffix(".log")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.national.replay", "--script", str(scenario),
         "--log", str(log)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        port = int(process.stdout.readline())
        yield ReplayServer(process, port, log)
    finally:
        process.kill()
        process.wait(timeout=10)


def suomifi_script(send: list[dict] | None = None, events: list[dict] | None = None) -> dict:
    """The recorded answers of Suomi.fi Messages (recorded/suomifi/README.md)."""
    message = [{"status": 200, "json": recorded("suomifi/message.json")}]
    return {
        "POST /v1/token": [{"status": 200, "json": recorded("suomifi/token.json")}],
        "POST /v2/attachments": [{"status": 200, "json": recorded("suomifi/attachment.json")}],
        "POST /v2/messages/electronic": send or message,
        "POST /v2/paper-mail-without-id": send or message,
        "GET /v2/events": events
        or [{"status": 200, "json": {"events": [], "continuationToken": "t0"}}],
    }


def events_page(external: str, kind: str, time: str, token: str, twice: bool = False) -> dict:
    """A recorded events page with our message's event (twice: the same event repeated)."""
    text = (RECORDED / "suomifi/events.json").read_text()
    page = json.loads(text.replace("{external}", external).replace("{time}", time).replace(
        "{type}", kind))  # fmt: skip
    if twice:
        page["events"].append(page["events"][0])
    page["continuationToken"] = token
    return {"status": 200, "json": page}


@pytest.fixture
def suomifi_settings(settings):
    settings.SUOMIFI_USERNAME = "kuty-api"
    settings.SUOMIFI_PASSWORD = "secret"
    settings.SUOMIFI_SERVICE_ID = "kuty-service"
    settings.SUOMIFI_TIMEOUT = 2
    settings.SUOMIFI_POSTI_EMAIL = "posti@example.invalid"
    settings.SUOMIFI_POSTI_USERNAME = "posti"
    settings.SUOMIFI_POSTI_PASSWORD = "posti-secret"
    return settings


@pytest.fixture
def made(world, draft):  # noqa: F811
    from decisions import services

    return services.decision_make(user=world.alice, decision=draft)


@pytest.fixture
def placed(world, made):
    from placements import services as placement_services

    return placement_services.placement_notice_send(
        user=world.alice, decision=made, goals="Arjen rytmi", client_info="", contacts="Alice"
    )

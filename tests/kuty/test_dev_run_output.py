"""`scripts/dev.py run`'s output (issue 27, item 10): one clock (Helsinki time, one
format) on every line, and the logins and the address printed last, after the web,
the Celery worker and beat have said they are ready, however slowly they start."""

import datetime
import importlib.util
import sys
from pathlib import Path

PATH = Path(__file__).resolve().parents[2] / "scripts" / "dev.py"


def runner():
    spec = importlib.util.spec_from_file_location("kuty_dev_runner_output", PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


AT = datetime.datetime(2026, 12, 7, 22, 40, 1, tzinfo=datetime.UTC)  # 00:40:01 in Helsinki


def test_every_line_is_stamped_with_one_helsinki_clock():
    dev = runner()
    celery = "[2026-12-07 22:40:01,123: INFO/MainProcess] Connected to redis://127.0.0.1:6379/0"
    assert dev.stamped("worker", celery, AT) == (
        "00:40:01 worker | [INFO/MainProcess] Connected to redis://127.0.0.1:6379/0"
    )
    gunicorn = "[2026-12-07 22:40:01 +0000] [7] [INFO] Listening at: http://127.0.0.1:8000 (7)"
    assert dev.stamped("web", gunicorn, AT) == (
        "00:40:01 web    | [7] [INFO] Listening at: http://127.0.0.1:8000 (7)"
    )
    assert "%(t)s" not in dev.ACCESS_LOG_FORMAT  # the access log's own clock is left out


def child(lines: list[tuple[float, str]]) -> list[str]:
    """A process printing real banner lines of its kind, after the given pauses."""
    code = "import time\n" + "".join(
        f"time.sleep({pause})\nprint({line!r}, flush=True)\n" for pause, line in lines
    )
    code += "time.sleep(3)\n"  # and runs on, as the real ones do
    return [sys.executable, "-c", code]


def test_logins_and_address_come_after_every_ready_line(capsys):
    dev = runner()
    output = dev.Output()
    children = [
        dev.start(output, "web", child([(0, "[7] [INFO] Booting worker with pid: 8")]), {}),
        dev.start(
            output,
            "worker",
            child(
                [
                    (0.2, " -------------- kuty-worker@host v5.7.0 (collider)"),
                    (0.2, "[tasks]"),
                    (1.5, "[2026-12-07 22:40:03,1: INFO/MainProcess] kuty-worker@host ready."),
                ]
            ),
            {},
        ),
        dev.start(
            output,
            "beat",
            child([(0.5, "[2026-12-07 22:40:02,1: INFO/MainProcess] beat: Starting...")]),
            {},
        ),
    ]
    assert output.wait_ready(30, children)
    output.say(dev.closing("Demotunnukset:\n  sosiaalityo / salasana\n", "8000"))
    for process in children:
        process.wait(10)
    lines = capsys.readouterr().out.splitlines()
    assert lines[-3:] == [
        "Demotunnukset:",
        "  sosiaalityo / salasana",
        "[kuty] kuty runs at http://127.0.0.1:8000/ (web, Celery worker and beat). Ctrl-C stops.",
    ]
    assert any(line.endswith("| [INFO/MainProcess] kuty-worker@host ready.") for line in lines)

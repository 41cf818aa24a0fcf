"""A local HTTP server process that replays recorded examples (tests only).

    python -m tests.national.replay --port 0 --script scenario.json --log requests.jsonl

The scenario maps "METHOD /path" to a list of answers given in turn (the last one
repeats): {"status": 200, "json": {...}} or {"status": 200, "body_file": "x.json"}, with
"delay": seconds before answering (a timeout), "accept": true to record a message's
externalId before answering (the service got it, whatever the client then sees).
A POST whose JSON carries an externalId the server has accepted before is answered 409
with the first message's id, as Suomi.fi Messages does (REST API v2, "duplicate
externalId"). Every request is appended to the log as one JSON line. The chosen port is
printed on the first line of stdout."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

LOCK = threading.Lock()


class Replay:
    def __init__(self, script: dict, log: Path, base: Path) -> None:
        self.script = {key: list(value) for key, value in script.items()}
        self.turns: dict[str, int] = {}
        self.accepted: dict[str, int] = {}
        self.log, self.base = log, base
        self.next_id = 9001

    def answer(self, key: str) -> dict:
        with LOCK:
            answers = self.script.get(key) or [{"status": 404, "json": {"error": "not found"}}]
            turn = self.turns.get(key, 0)
            self.turns[key] = turn + 1
            return answers[min(turn, len(answers) - 1)]

    def message_id(self, external: str) -> tuple[int, bool]:
        with LOCK:
            if external in self.accepted:
                return self.accepted[external], True
            self.accepted[external] = self.next_id
            self.next_id += 1
            return self.accepted[external], False


def handler(replay: Replay):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # the log file is the record
            pass

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            path = urlsplit(self.path).path
            key = f"{method} {path}"
            try:
                payload = json.loads(raw) if raw.startswith(b"{") else None
            except ValueError:
                payload = None
            external = (payload or {}).get("externalId")
            with LOCK, replay.log.open("a") as log:
                log.write(json.dumps({"key": key, "query": urlsplit(self.path).query,
                                      "externalId": external}) + "\n")  # fmt: skip
            answer = replay.answer(key)
            if external and (answer.get("status", 200) < 300 or external in replay.accepted):
                message_id, seen = replay.message_id(external)
                if seen:
                    answer = {"status": 409, "json": {"messageId": message_id}}
                else:
                    answer = {**answer, "json": {**answer.get("json", {}), "messageId": message_id}}
            if answer.get("delay"):
                time.sleep(answer["delay"])
            self._send(answer)

        def _send(self, answer: dict) -> None:
            if "body_file" in answer:
                body = (replay.base / answer["body_file"]).read_bytes()
            else:
                body = json.dumps(answer.get("json", {})).encode()
            self.send_response(answer.get("status", 200))
            self.send_header("Content-Type", answer.get("content_type", "application/json"))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            self._handle("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._handle("POST")

        def do_PUT(self) -> None:  # noqa: N802
            self._handle("PUT")

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--script", type=Path, required=True)
    parser.add_argument("--log", type=Path, required=True)
    args = parser.parse_args()
    replay = Replay(json.loads(args.script.read_text()), args.log, args.script.parent)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler(replay))
    print(server.server_address[1], flush=True)
    sys.stdout.close()
    server.serve_forever()


if __name__ == "__main__":
    main()

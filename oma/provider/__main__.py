"""Run the local OpenID Connect provider:

    python -m oma.provider --port 8001 --dir .data/idp --client-id kuty \
        --client-secret s3cret --redirect-uri http://127.0.0.1:8000/oma/kirjaudu/paluu/ \
        --logout-uri http://127.0.0.1:8000/oma/ --person "010203A123X,Maija,Meikäläinen"

or, for the demo (scripts/dev.py run), the demo clients of seed_demo:

    python -m oma.provider --demo --port 8001 --dir .data/idp --kuty-url http://127.0.0.1:8000

Prints "ready <port>" once it answers. A fresh RSA signing key is made the first time
for the folder (kept there, so a restarted provider signs with the same key)."""

from __future__ import annotations

import argparse
import os
import socketserver
import sys
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def signing_key(folder: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    path = folder / "signing-key.pem"
    if path.exists():
        return
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def provision(options: argparse.Namespace) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    Application.objects.filter(client_id=options.client_id).delete()
    Application.objects.create(
        name="kuty",
        client_id=options.client_id,
        client_secret=options.client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        redirect_uris=" ".join(options.redirect_uri),
        post_logout_redirect_uris=" ".join(options.logout_uri),
        skip_authorization=True,
    )
    for person in options.person:
        hetu, given, family = (part.strip() for part in person.split(","))
        get_user_model().objects.update_or_create(
            username=hetu, defaults={"first_name": given, "last_name": family}
        )


# Two demo clients of seed_demo (clients/demo.py; tests/oma/test_demo.py checks they
# match): Hautala, whose plan waits for his signature, and Peltoniemi, at work activity.
DEMO_PEOPLE = ["210695-9031,Jussi,Hautala", "170475-906S,Kari,Peltoniemi"]
DEMO_SECRET = "kuty-demo-only"  # noqa: S105 - kuty's dev default OMA_OIDC_CLIENT_SECRET


def demo(options: argparse.Namespace) -> None:
    url = options.kuty_url.rstrip("/")
    options.client_id = options.client_id or "kuty"
    options.client_secret = options.client_secret or DEMO_SECRET
    options.redirect_uri.append(f"{url}/oma/kirjaudu/paluu/")
    options.logout_uri.append(f"{url}/oma/uloskirjautunut/")
    options.person.extend(DEMO_PEOPLE)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m oma.provider")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--client-id", default="")
    parser.add_argument("--client-secret", default="")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--kuty-url", default="http://127.0.0.1:8000")
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--logout-uri", action="append", default=[])
    parser.add_argument("--person", action="append", default=[])
    options = parser.parse_args(argv)
    if options.demo:
        demo(options)
    folder = Path(options.dir)
    folder.mkdir(parents=True, exist_ok=True)
    signing_key(folder)
    os.environ["OMA_PROVIDER_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "oma.provider.settings"
    import django
    from django.core.wsgi import get_wsgi_application

    django.setup()
    provision(options)
    server = make_server(
        "127.0.0.1",
        options.port,
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    print(f"ready {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])

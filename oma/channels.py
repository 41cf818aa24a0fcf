"""How a reminder reaches the client: a message channel behind a small interface.
E-mail here (the demo and the tests use Django's e-mail backends: nothing leaves the
machine in tests); Suomi.fi Messages can be another channel with the same `send`."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string


class MessageChannel(Protocol):
    name: str

    def reaches(self, client) -> bool: ...

    def send(self, *, client, subject: str, body: str) -> None: ...


class EmailChannel:
    name = "email"

    def reaches(self, client) -> bool:
        return bool(client.email)

    def send(self, *, client, subject: str, body: str) -> None:
        send_mail(subject, body, None, [client.email])


def channel() -> MessageChannel:
    return import_string(settings.OMA_MESSAGE_CHANNEL)()

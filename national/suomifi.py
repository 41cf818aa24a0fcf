"""The Suomi.fi Messages adapter: the REST API (v1 token, v2 attachments, messages,
paper mail and events; https://api.messages.suomi.fi/api-docs/) through the City of
Helsinki's client, django-helsinki-suomifi-messages 1.0.0, pointed at the endpoint of
the settings, with a timeout and the organisation's client certificate.

The adapter knows the protocol only; what is sent and what an answer means for the
decision is in national/services.py."""

from __future__ import annotations

import dataclasses

import requests
from django.conf import settings
from suomifi_messages import SuomiFiClient
from suomifi_messages.errors import (
    SuomiFiClientError,
    SuomiFiDuplicateMessageError,
    SuomiFiError,
)
from suomifi_messages.schemas import Address, BodyFormat, Event

__all__ = [
    "Address",
    "Event",
    "Letter",
    "Rejected",
    "Unavailable",
    "send",
    "read_events",
]


class Unavailable(Exception):
    """The service did not answer, answered 5xx or too slowly: try again later."""


class Rejected(Exception):
    """The service refused the message (4xx other than a duplicate): a person must look."""


@dataclasses.dataclass(frozen=True)
class Letter:
    external_id: str
    electronic: bool
    recipient_id: str  # henkilötunnus
    recipient_address: Address
    title: str
    body: str
    filename: str
    pdf: bytes


class KutyClient(SuomiFiClient):
    """The library's client on the endpoint, timeout and certificate of the settings."""

    def __init__(self) -> None:
        super().__init__(type="prod")
        self.base_url = settings.SUOMIFI_URL
        if settings.SUOMIFI_CERTIFICATE:
            self.session.cert = settings.SUOMIFI_CERTIFICATE

    def request(self, method: str, path: str, **kwargs):
        kwargs.setdefault("timeout", settings.SUOMIFI_TIMEOUT)
        return super().request(method, path, **kwargs)


def configured() -> bool:
    return bool(settings.SUOMIFI_USERNAME and settings.SUOMIFI_SERVICE_ID)


def _client() -> KutyClient:
    client = KutyClient()
    client.login(settings.SUOMIFI_USERNAME, settings.SUOMIFI_PASSWORD)
    return client


def _sender() -> Address:
    return Address(**settings.SUOMIFI_SENDER_ADDRESS)


def _send(client: KutyClient, letter: Letter) -> int:
    attachment = client.upload_attachment(letter.filename, letter.pdf)
    if letter.electronic:
        message_id, _external = client.send_electronic_message(
            title=letter.title,
            body=letter.body,
            body_format=BodyFormat.TEXT,
            recipient_id=letter.recipient_id,
            external_id=letter.external_id,
            service_id=settings.SUOMIFI_SERVICE_ID,
            attachment_ids=[attachment],
            verifiable=True,
        )
    else:
        message_id, _external = client.send_paper_mail_without_id(
            recipient_address=letter.recipient_address,
            sender_address=_sender(),
            attachment_id=attachment,
            service_id=settings.SUOMIFI_SERVICE_ID,
            external_id=letter.external_id,
        )
    return int(message_id)


def send(letter: Letter) -> int:
    """Send once under the letter's external id; the service's message id. A send that
    already went through (409 on the same external id) answers the first message's id."""
    try:
        return _send(_client(), letter)
    except SuomiFiDuplicateMessageError as duplicate:
        if duplicate.message_id is None:
            raise Unavailable(str(duplicate)) from duplicate
        return int(duplicate.message_id)
    except SuomiFiClientError as refused:
        raise Rejected(f"{refused} {refused.response_body}"[:480]) from refused
    except (SuomiFiError, requests.RequestException, ValueError, KeyError) as failure:
        raise Unavailable(f"{type(failure).__name__}: {failure}"[:480]) from failure


def read_events(token: str) -> tuple[list[Event], str]:
    """One page of the event stream after `token` (at most 1 000 events)."""
    try:
        return _client().get_events(token or None)
    except (SuomiFiError, requests.RequestException, ValueError, KeyError) as failure:
        raise Unavailable(f"{type(failure).__name__}: {failure}"[:480]) from failure

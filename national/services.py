"""Decisions served through Suomi.fi Messages (national/suomifi.py is the protocol).

A made decision writes its outbox row in the decision's own transaction (the made-decision
hook); after the commit one Celery message asks the worker to send it, and a sweep every
few minutes sends whatever a lost message or an unreachable service left pending. The
row stays locked while it is sent, and its external id is fixed: a worker killed after
the service accepted the message sends it again under the same id, the service answers
409 with the first message's id, and it is recorded once.

The delivery events read back notify the decision through decisions.services
(decision_notify): an electronic message is deemed received on the 3rd day after it was
sent (13/2003 19 §), a printed letter on the 7th (434/2003 59 §); the last day of the
request for reconsideration follows with its working-day shift (core/law.py)."""

from __future__ import annotations

import datetime
import functools
import logging

import redis
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from accounts.models import User
from core import hooks
from decisions.models import Decision, NotificationMethod
from decisions.services import decision_notify, on_decision_made

from . import suomifi
from .models import Channel, EventCursor, MessageOutbox, OutboxState

log = logging.getLogger(__name__)

_UNREACHABLE = (OperationalError, redis.exceptions.ConnectionError, OSError)

# Suomi.fi Messages event types (REST API v2 /v2/events) that mean "sent", by channel
SENT_EVENTS = {
    "Electronic message created": NotificationMethod.SUOMIFI,
    "Sent for printing and enveloping": NotificationMethod.SUOMIFI_POST,
}
UNDELIVERED_EVENTS = {"Posti: returned to sender", "Posti: unresolved"}


def external_id(decision: Decision) -> str:
    return f"kuty-paatos-{decision.pk}"


@on_decision_made
def queue_decision_message(decision: Decision, user: User) -> None:
    """In the decision's transaction: the outbox row, electronic with the client's consent
    to electronic service, otherwise a printed letter; sent after the commit."""
    if not suomifi.configured():
        return
    consent = decision.case.client.e_service_consent
    row = MessageOutbox.objects.create(
        decision=decision,
        channel=Channel.ELECTRONIC if consent else Channel.PAPER,
        external_id=external_id(decision),
        queued_by=user,
    )
    transaction.on_commit(functools.partial(_ask_worker, row.pk))


def _ask_worker(pk: int) -> None:
    from .tasks import send_message

    try:
        send_message.delay(pk)
    except _UNREACHABLE:  # the outbox row is committed: the sweep sends it
        log.warning("Suomi.fi message %s not queued; the sweep sends it", pk, exc_info=True)


def cover_text(decision: Decision) -> tuple[str, str]:
    """The message's title and its short plain-language text, in the decision's language."""
    with translation.override(decision.language):
        title = _("Päätös kuntouttavasta työtoiminnasta")
        body = _(
            "Hei,\n\nsinulle on tehty päätös. Päätös on liitteenä.\n\n"
            "Lue päätös. Jos et hyväksy päätöstä, voit pyytää siihen muutosta. "
            "Ohje on päätöksen lopussa. Aikaa on 30 päivää.\n\n"
            "Jos sinulla on kysyttävää, ota yhteyttä sosiaalityöntekijääsi."
        )
    return str(title), str(body)


def _letter(row: MessageOutbox) -> suomifi.Letter:
    decision = row.decision
    client = decision.case.client
    title, body = cover_text(decision)
    with decision.pdf.open("rb") as stored:
        pdf = stored.read()
    return suomifi.Letter(
        external_id=row.external_id,
        electronic=row.channel == Channel.ELECTRONIC,
        recipient_id=client.hetu,
        recipient_address=suomifi.Address(
            name=f"{client.first_names} {client.last_name}",
            street_address=client.street_address,
            zip_code=client.postal_code,
            city=client.post_office,
            country_code="FI",
        ),
        title=title,
        body=body,
        filename=f"paatos-{decision.pk}.pdf",
        pdf=pdf,
    )


def outside_transactions() -> None:
    """A sending step commits what it learnt from the service before the next one: never
    inside a caller's transaction (its rollback would forget a message the service has)."""
    with transaction.atomic(durable=True):  # RuntimeError inside another transaction
        pass


@transaction.atomic(durable=True)
def send_pending(*, pk: int) -> str:
    """Send one pending row, locked while it is sent (a second worker skips it)."""
    row = (
        MessageOutbox.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("decision__case__client", "decision__notification")
        .filter(pk=pk, state=OutboxState.PENDING)
        .first()
    )
    if row is None:
        return "skipped"
    row.attempts += 1
    try:
        row.message_id = suomifi.send(_letter(row))
    except suomifi.Unavailable as failure:
        row.last_error = str(failure)[:500]
    except suomifi.Rejected as refused:
        row.state, row.last_error = OutboxState.FAILED, str(refused)[:500]
    else:
        row.state, row.sent_at, row.last_error = OutboxState.SENT, timezone.now(), ""
    row.save(update_fields=["attempts", "message_id", "state", "sent_at", "last_error"])
    return row.state


def send_all_pending() -> int:
    """Every pending row, each in its own transaction; how many still wait."""
    outside_transactions()
    pending = MessageOutbox.objects.filter(state=OutboxState.PENDING)
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)):
        send_pending(pk=pk)
    return pending.count()


@hooks.changes(hooks.DECISION, cases=lambda row, **_: [row.decision.case_id] if row else [])
def message_delivered(*, external: str, method: str, sent_on: datetime.date):
    """A sending event of one of our messages: the decision is notified (once)."""
    row = (
        MessageOutbox.objects.select_for_update(of=("self",))
        .select_related("decision", "queued_by")
        .filter(external_id=external, state=OutboxState.SENT)
        .first()
    )
    if row is None:  # not ours, or already applied: an event read twice changes nothing
        return None
    if not hasattr(row.decision, "notification"):
        decision_notify.nested(
            user=row.queued_by,
            decision=row.decision,
            method=method,
            sent_on=sent_on,
            electronic_consent=method == NotificationMethod.SUOMIFI,
        )
    row.state = OutboxState.DELIVERED
    row.save(update_fields=["state"])
    return row


def _apply(event: suomifi.Event) -> None:
    kind = getattr(event.type, "value", event.type)
    external = event.metadata.external_id
    if not external or not external.startswith("kuty-"):
        return
    if kind in UNDELIVERED_EVENTS:
        MessageOutbox.objects.filter(external_id=external).update(last_error=kind)
        return
    if kind not in SENT_EVENTS:
        return
    sent_on = timezone.localdate(event.event_time)
    try:
        message_delivered(external=external, method=SENT_EVENTS[kind], sent_on=sent_on)
    except ValidationError as refused:  # a decision notified otherwise meanwhile
        MessageOutbox.objects.filter(external_id=external).update(
            state=OutboxState.FAILED, last_error="; ".join(refused.messages)[:500]
        )


def read_events(pages: int = 50) -> int:
    """Read the event stream on from the stored position; each page's events are applied
    before the position moves past them, so a failure reads them again (harmlessly)."""
    outside_transactions()
    cursor, _created = EventCursor.objects.get_or_create(name="suomifi")
    applied = 0
    for _page in range(pages):
        events, token = suomifi.read_events(cursor.token)
        for event in events:
            _apply(event)
        applied += len(events)
        EventCursor.objects.filter(pk=cursor.pk).update(token=token)
        cursor.token = token
        if not events:
            break
    return applied

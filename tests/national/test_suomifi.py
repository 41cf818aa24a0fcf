"""Decisions served through Suomi.fi Messages, against a local server process replaying
the service's recorded answers (recorded/suomifi/README.md cites the API version): the
consenting client's decision goes as an electronic message, the other's as a printed
letter; errors, timeouts and answers given twice lose nothing and send nothing twice;
the delivery events set the notification by the law's days."""

import datetime

import pytest
from django.urls import reverse

from core import law
from decisions import services as decisions
from decisions.models import DecisionStatus
from national import services
from national.models import Channel, MessageOutbox, OutboxState
from tests.national.conftest import events_page, replay_server, suomifi_script, texts, tree
from tests.plans.conftest import TODAY

pytestmark = pytest.mark.django_db


def make(world, draft, *, consent: bool):
    client = draft.case.client
    client.e_service_consent = consent
    client.save(update_fields=["e_service_consent"])
    return decisions.decision_make(user=world.alice, decision=draft)


def first_day(method: str, shifted: bool) -> datetime.date:
    """The first sending day from today whose last day for a request for reconsideration
    falls (shifted=True) or does not fall on a day off."""
    day = TODAY
    while True:
        received = law.deemed_received(method, day)
        if law.is_working_day(received + datetime.timedelta(days=30)) != shifted:
            return day
        day += datetime.timedelta(days=1)


def case_panel(client, case) -> list[str]:
    page = tree(client.get(reverse("clients:case_detail", args=[case.pk])))
    return texts(page, "//ul[@id='suomifi-messages']/li")


def test_nothing_is_queued_without_the_service_configured(world, draft):
    made = make(world, draft, consent=True)
    assert not MessageOutbox.objects.filter(decision=made).exists()


def test_consenting_client_gets_an_electronic_message_deemed_received_on_the_3rd_day(
    world, draft, suomifi_settings, tmp_path, client
):
    made = make(world, draft, consent=True)
    row = MessageOutbox.objects.get(decision=made)
    assert (row.channel, row.state, row.external_id) == (
        Channel.ELECTRONIC, OutboxState.PENDING, f"kuty-paatos-{made.pk}",
    )  # fmt: skip
    sent_on = first_day("suomifi", shifted=True)
    events = [
        events_page(row.external_id, "Electronic message created",
                    f"{sent_on}T09:00:00+02:00", "t1"),
        {"status": 200, "json": {"events": [], "continuationToken": "t2"}},
    ]  # fmt: skip
    with replay_server(tmp_path, suomifi_script(events=events)) as server:
        suomifi_settings.SUOMIFI_URL = server.url
        assert services.send_pending(pk=row.pk) == OutboxState.SENT
        assert services.read_events() == 2
        sent = server.requests("POST /v2/messages/electronic")
        assert [r["externalId"] for r in sent] == [row.external_id]
        assert server.requests("POST /v2/paper-mail-without-id") == []
    made.refresh_from_db()
    notification = made.notification
    assert made.status == DecisionStatus.NOTIFIED
    assert notification.method == "suomifi"
    assert notification.sent_on == sent_on
    assert notification.received_on == sent_on + datetime.timedelta(days=3)  # 13/2003 19 §
    # the 30th day is a day off: the last day moves to the next working day (150/1930 5 §)
    deadline = notification.reconsideration_deadline
    assert deadline > notification.received_on + datetime.timedelta(days=30)
    assert law.is_working_day(deadline)
    client.force_login(world.alice)
    assert case_panel(client, made.case) == [f"{made}: Suomi.fi-viestit, sähköisesti – Toimitettu"]


def test_other_client_gets_a_printed_letter_deemed_received_on_the_7th_day(
    world, draft, suomifi_settings, tmp_path
):
    made = make(world, draft, consent=False)
    row = MessageOutbox.objects.get(decision=made)
    assert row.channel == Channel.PAPER
    sent_on = first_day("suomifi_post", shifted=False)
    events = [
        events_page(row.external_id, "Paper mail created", f"{sent_on}T08:00:00+02:00", "t1"),
        events_page(row.external_id, "Sent for printing and enveloping",
                    f"{sent_on}T15:00:00+02:00", "t2"),
        {"status": 200, "json": {"events": [], "continuationToken": "t3"}},
    ]  # fmt: skip
    with replay_server(tmp_path, suomifi_script(events=events)) as server:
        suomifi_settings.SUOMIFI_URL = server.url
        services.send_pending(pk=row.pk)
        services.read_events()
        assert len(server.requests("POST /v2/paper-mail-without-id")) == 1
        assert server.requests("POST /v2/messages/electronic") == []
    notification = MessageOutbox.objects.get(pk=row.pk).decision.notification
    assert notification.method == "suomifi_post"
    assert notification.received_on == sent_on + datetime.timedelta(days=7)  # 434/2003 59 §
    assert notification.reconsideration_deadline == notification.received_on + datetime.timedelta(
        days=30
    )


def test_an_error_keeps_the_message_pending_and_the_case_shows_it(
    world, draft, suomifi_settings, tmp_path, client
):
    made = make(world, draft, consent=True)
    row = MessageOutbox.objects.get(decision=made)
    send = [{"status": 503, "json": {"error": "Service Unavailable"}}, {"status": 200}]
    with replay_server(tmp_path, suomifi_script(send=send)) as server:
        suomifi_settings.SUOMIFI_URL = server.url
        assert services.send_pending(pk=row.pk) == OutboxState.PENDING
        client.force_login(world.alice)
        [line] = case_panel(client, made.case)
        assert "Odottaa lähettämistä" in line and "Viimeisin virhe:" in line and "503" in line
        assert services.send_pending(pk=row.pk) == OutboxState.SENT
        assert services.send_pending(pk=row.pk) == "skipped"  # sent: never again
        assert len(server.requests("POST /v2/messages/electronic")) == 2
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (OutboxState.SENT, 2, "")


def test_a_timeout_after_the_service_took_the_message_does_not_send_it_twice(
    world, draft, suomifi_settings, tmp_path
):
    """The service accepts the message but answers too late; the retry under the same
    external id is answered 409 with the first message's id, recorded as sent."""
    made = make(world, draft, consent=False)
    row = MessageOutbox.objects.get(decision=made)
    send = [{"status": 200, "delay": 4}, {"status": 200}]
    with replay_server(tmp_path, suomifi_script(send=send)) as server:
        suomifi_settings.SUOMIFI_URL = server.url
        assert services.send_pending(pk=row.pk) == OutboxState.PENDING
        row.refresh_from_db()
        assert "Timeout" in row.last_error
        assert services.send_pending(pk=row.pk) == OutboxState.SENT
        posts = server.requests("POST /v2/paper-mail-without-id")
    assert [p["externalId"] for p in posts] == [row.external_id] * 2
    row.refresh_from_db()
    assert row.message_id == 9001  # the first (and only) message the service created


def test_events_answered_twice_notify_once(world, draft, suomifi_settings, tmp_path):
    made = make(world, draft, consent=True)
    row = MessageOutbox.objects.get(decision=made)
    time = f"{TODAY}T10:00:00+02:00"
    page = events_page(row.external_id, "Electronic message created", time, "t1", twice=True)
    events = [page, page, {"status": 200, "json": {"events": [], "continuationToken": "t2"}}]
    with replay_server(tmp_path, suomifi_script(events=events)) as server:
        suomifi_settings.SUOMIFI_URL = server.url
        services.send_pending(pk=row.pk)
        services.read_events()
        queries = [r["query"] for r in server.requests("GET /v2/events")]
    assert queries == ["", "continuationToken=t1", "continuationToken=t1"]
    row.refresh_from_db()
    assert row.state == OutboxState.DELIVERED
    assert made.__class__.objects.get(pk=made.pk).notification.sent_on == TODAY


def test_refused_message_waits_for_a_person(world, draft, suomifi_settings, tmp_path, client):
    made = make(world, draft, consent=True)
    row = MessageOutbox.objects.get(decision=made)
    send = [{"status": 400, "json": {"error": "Recipient has no active mailbox"}}]
    with replay_server(tmp_path, suomifi_script(send=send)) as server:
        suomifi_settings.SUOMIFI_URL = server.url
        assert services.send_pending(pk=row.pk) == OutboxState.FAILED
    client.force_login(world.alice)
    [line] = case_panel(client, made.case)
    assert "Epäonnistui, vaatii käsittelyä" in line and "no active mailbox" in line


def test_unreachable_service_loses_nothing(world, draft, suomifi_settings, tmp_path):
    made = make(world, draft, consent=True)
    row = MessageOutbox.objects.get(decision=made)
    suomifi_settings.SUOMIFI_URL = "http://127.0.0.1:9"  # nothing listens
    assert services.send_pending(pk=row.pk) == OutboxState.PENDING
    row.refresh_from_db()
    assert row.attempts == 1 and "ConnectionError" in row.last_error
    assert services.send_all_pending() == 1  # still waiting, tried again
    row.refresh_from_db()
    assert row.attempts == 2


def test_api_notification_methods_include_suomifi_messages(world, draft):
    from tests.factories import api_for

    api = api_for(world.alice)
    api.post(f"/api/v1/decisions/{draft.pk}/make/")
    url = f"/api/v1/decisions/{draft.pk}/notify/"
    refused = api.post(url, {"method": "suomifi", "sent_on": TODAY.isoformat()}, format="json")
    assert refused.status_code == 400
    assert "13/2003, 19 §" in str(refused.json())
    schema = api.get("/api/schema/?format=json").json()
    methods = schema["components"]["schemas"]["MethodEnum"]["enum"]
    assert {"suomifi", "suomifi_post"} <= set(methods)
    notified = api.post(
        url,
        {"method": "suomifi_post", "sent_on": TODAY.isoformat()},
        format="json",
    ).json()
    assert notified["notification"]["method"] == "suomifi_post"
    assert (
        notified["notification"]["received_on"] == (TODAY + datetime.timedelta(days=7)).isoformat()
    )

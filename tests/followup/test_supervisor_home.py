"""The supervisor's home: the week's attendance first, reminders grouped by kind and site
(issue 27: 13 TT3 cards, one per client, pushed the week ~6 500 px down at 360 px)."""

import datetime

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from followup.models import Reminder, ReminderRecipient


def _tt3_reminders(world, placement, count: int, first: int = 0) -> None:
    today = timezone.localdate()
    for n in range(first, first + count):
        reminder = Reminder.objects.create(
            kind="tt3_due",
            case=placement.case,
            placement=placement,
            due_on=today - datetime.timedelta(days=90 + n),
        )
        ReminderRecipient.objects.create(reminder=reminder, user=world.pekka, role="supervisor")


def test_the_week_comes_before_any_reminder(world, placed, client):
    _tt3_reminders(world, placed, 13)
    client.force_login(world.pekka)
    page = client.get("/").content.decode()
    assert page.index("Viikon läsnäolot") < page.index('id="todo-heading"')


def test_thirteen_tt3_notices_are_one_line_with_a_link_to_the_sites_tt3_page(world, placed, client):
    _tt3_reminders(world, placed, 13)
    client.force_login(world.pekka)
    page = client.get("/").content.decode()
    todo = page[page.index('id="todo-heading"') :]
    assert "13 muistutusta odottaa" in todo
    assert todo.count("Kelan poissaoloilmoitus (TT3) lähetettävä") == 1
    first = timezone.localdate() - datetime.timedelta(days=90 + 12 + 13)  # its fortnight
    notices = f"/tyotoiminta/yksikko/{placed.site_id}/ilmoitukset/?alkaen={first:%Y-%m-%d}"
    assert f'href="{notices}"' in todo
    assert "/tehty/" not in todo  # no card, so no per-client buttons
    assert 'id="reminder-count" class="count">13<' in page


def test_grouped_home_asks_the_same_queries_for_3_or_13_reminders(world, placed, client):
    client.force_login(world.pekka)
    _tt3_reminders(world, placed, 3)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    few = len(captured)
    _tt3_reminders(world, placed, 10, first=3)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    assert len(captured) == few
    assert "13 muistutusta odottaa" in page


def test_a_grouped_line_does_not_log_the_clients_it_only_counts(world, placed, client):
    from clients.models import AccessLog
    from placements.models import Placement

    # a period that has ended: the panel lists no client, only the TT3 line counts one
    today = timezone.localdate()
    Placement.objects.filter(pk=placed.pk).update(
        start_on=today - datetime.timedelta(days=100), end_on=today - datetime.timedelta(days=1)
    )
    _tt3_reminders(world, placed, 3)
    client.force_login(world.pekka)
    page = client.get("/").content.decode()
    assert "3 muistutusta odottaa" in page
    assert not AccessLog.objects.filter(user=world.pekka, what="etusivu").exists()

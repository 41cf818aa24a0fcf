"""The header's reminder count in one statement (followup/badge.py, issue 30): the same
number as `Reminder.objects.for_user(user).open()` for every kind of user and reminder,
and a page pays one query for it (no reach asked first)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions.models import Decision
from followup.badge import open_count
from followup.models import Reminder, ReminderRecipient
from tests.factories import CaseFactory, ConsentFactory
from tests.placements.test_attendance import place, url

USERS = ("alice", "olli", "sami", "tero", "pekka", "otto", "kaisa", "tuula", "paula")


def reminder(case, *, placement=None, status="open", due=0) -> Reminder:
    made = Reminder.objects.create(
        kind="case_idle",
        case=case,
        placement=placement,
        status=status,
        closed_at=None if status == "open" else timezone.now(),
        due_on=timezone.localdate() - datetime.timedelta(days=due),
    )
    return made


def test_the_badge_counts_what_the_users_reminders_list_holds(world):
    shared = CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    ConsentFactory(client=shared.client, organization=world.te_office)
    withdrawn = CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    ConsentFactory(
        client=withdrawn.client, organization=world.te_office, withdrawn_at=timezone.now()
    )
    live = place(world)
    ended = place(world)
    Decision.objects.filter(pk=ended.decision_id).update(status="ended")
    elsewhere = place(world, case=world.other_case, site=world.other_site)
    made = [
        reminder(world.case),
        reminder(world.other_case, due=1),
        reminder(shared, due=2),
        reminder(withdrawn, due=3),
        reminder(live.case, placement=live, due=4),
        reminder(ended.case, placement=ended, due=5),
        reminder(elsewhere.case, placement=elsewhere, due=6),
        reminder(world.case, status="done", due=7),
    ]
    for user in USERS:
        for each in made:
            ReminderRecipient.objects.create(reminder=each, user=getattr(world, user), role="x")
    counts = {}
    for name in USERS:
        user = getattr(world, name)
        counts[name] = open_count(user)
        assert counts[name] == Reminder.objects.for_user(user).open().count(), name
    # the arms are all there: the organiser's, the consent's, the supervised site's
    assert counts["alice"] == 5  # Seinäjoki's open ones (the placed cases are its too)
    assert counts["tero"] == 1  # the shared case only: not the withdrawn consent's
    assert counts["pekka"] == 1  # the live placement at Pajuluoma, not the ended one
    assert counts["otto"] == 1


def test_a_page_pays_one_query_for_the_badge(client, world):
    placement = place(world)
    each = reminder(placement.case, placement=placement)
    ReminderRecipient.objects.create(reminder=each, user=world.pekka, role="supervisor")
    client.force_login(world.pekka)
    client.get(url(world))
    with CaptureQueriesContext(connection) as asked:
        page = client.get(url(world)).content.decode()
    assert 'id="reminder-count" class="count">1<' in page
    statements = [q["sql"] for q in asked.captured_queries]
    assert sum("followup_reminder" in sql for sql in statements) == 1
    assert not any(sql.startswith("SELECT 'work'") for sql in statements)  # no reach asked

# ruff: noqa: S608 - constant SQL of this module; every value is a query parameter.
"""The header's count of the user's open reminders in one statement (issue 30).

`Reminder.objects.for_user(user).open().count()` first asked the user's reach (one query
a request, `clients.scope.reach`) and then counted with two correlated sub-queries over
the scope; every page of every role paid both. Here the count starts from the user's own
recipient rows (the `recipient_user` index) and checks each reminder against the same
scope functions (clients/scope.py, accounts/scope.py) in the same statement: a case the
user works on (the organiser), a case shared with the user's office by a consent in
force, or a placement at a site the user supervises while its decision is live. The rule
is the one `for_user` applies; tests/followup/test_reminder_badge.py holds the two equal
for every kind of user and reminder."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from accounts.scope import SUPERVISED_SITE_IDS_SQL
from clients.scope import CONSENTED, SHARE_ORGS, WORK_SCOPE
from decisions.models import LIVE_STATUSES

from .models import ReminderStatus

OPEN_COUNT_SQL = f"""
SELECT count(*) FROM followup_reminderrecipient r
JOIN followup_reminder m ON m.id = r.reminder_id
JOIN clients_case c ON c.id = m.case_id
WHERE r.user_id = %(user)s AND m.status = %(open)s AND (
  c.municipality_id IN (SELECT w.municipality_id FROM {WORK_SCOPE}() w
                        WHERE w.user_id = %(user)s)
  OR EXISTS (SELECT 1 FROM {CONSENTED}(%(today)s) s
             WHERE s.case_id = c.id AND s.organization_id IN (
               SELECT o.organization_id FROM {SHARE_ORGS}() o WHERE o.user_id = %(user)s))
  OR EXISTS (SELECT 1 FROM placements_placement p
             JOIN decisions_decision d ON d.id = p.decision_id
             WHERE p.id = m.placement_id AND d.status = ANY(%(live)s)
               AND p.site_id IN ({SUPERVISED_SITE_IDS_SQL.replace("%s", "%(user)s")})))
"""


def open_count(user) -> int:
    """The user's open reminders of clients the user may still see: one statement."""
    if not getattr(user, "is_authenticated", False):
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            OPEN_COUNT_SQL,
            {
                "user": user.pk,
                "open": ReminderStatus.OPEN.value,
                "today": timezone.localdate(),
                "live": [str(s) for s in LIVE_STATUSES],
            },
        )
        return cursor.fetchone()[0]

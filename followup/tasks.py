import datetime

from celery import shared_task
from django.db import transaction

from . import reminders


@shared_task
def send_reminders() -> str:
    """Daily (beat): the reminder sweep, then each user's digest e-mail. Safe to deliver
    again: the reminders' unique key and the digest's row per user and day make a rerun
    a no-op."""
    result = reminders.sweep()
    sent = reminders.send_digests()
    return f"{result}; {sent} digests sent"


@shared_task
def refresh_reminders(case_ids: list[int], kinds: list[str], today: str) -> int:
    """After a save's commit: close these rules' reminders of these cases that no longer
    match (reminders.refresh, the rules marked `later`). A rerun closes nothing more."""
    with transaction.atomic():
        return reminders.refresh_rules(case_ids, kinds, datetime.date.fromisoformat(today))

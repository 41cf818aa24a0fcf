from celery import shared_task

from . import reminders


@shared_task
def send_reminders() -> str:
    """Daily (beat): the reminder sweep, then each user's digest e-mail. Safe to deliver
    again: the reminders' unique key and the digest's row per user and day make a rerun
    a no-op."""
    result = reminders.sweep()
    sent = reminders.send_digests()
    return f"{result}; {sent} digests sent"

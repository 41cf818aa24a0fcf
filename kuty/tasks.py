import socket
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from .models import Heartbeat

KEEP_HEARTBEATS = timedelta(days=7)


@shared_task
def heartbeat() -> int:
    """Write a heartbeat row (shown on /healthz) and drop the ones older than a week."""
    row = Heartbeat.objects.create(hostname=socket.gethostname())
    Heartbeat.objects.filter(created_at__lt=timezone.now() - KEEP_HEARTBEATS).delete()
    return row.pk


@shared_task
def clear_sessions() -> None:
    """Daily: expired sessions go (they may hold a search term, e.g. a henkilötunnus)."""
    from django.contrib.sessions.models import Session

    Session.objects.filter(expire_date__lt=timezone.now()).delete()

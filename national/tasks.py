"""Thin tasks over national/services.py: ids in, can run twice."""

from celery import shared_task
from django.conf import settings

from . import services, suomifi


@shared_task(name="national.tasks.send_message")
def send_message(pk: int) -> str:
    """Send one Suomi.fi message of the outbox (a no-op once it is no longer pending)."""
    return services.send_pending(pk=pk)


@shared_task(name="national.tasks.sweep_outboxes")
def sweep_outboxes() -> int:
    """Every few minutes: whatever a lost message or an unreachable service left pending."""
    if not suomifi.configured():
        return 0
    return services.send_all_pending()


@shared_task(name="national.tasks.read_message_events")
def read_message_events() -> int:
    """The delivery events of the sent messages; they set the decisions' notification."""
    if not suomifi.configured():
        return 0
    try:
        return services.read_events()
    except suomifi.Unavailable:
        return -1  # the next run reads on from the same position


@shared_task(name="national.tasks.archive_documents")
def archive_documents() -> int:
    """Every few minutes: the issued documents into the archive outbox, the outbox to the
    archive; whatever the archive did not take waits for the next run."""
    from . import archive

    if not settings.KUTY_ARCHIVE_ADAPTER:
        return 0
    archive.queue_documents()
    return archive.send_all_pending()


@shared_task(name="national.tasks.compare_ptv")
def compare_ptv() -> tuple[int, int]:
    """Nightly: the linked directory entries against PTV; differences reported only."""
    from . import ptv

    return ptv.compare_all()


@shared_task(name="national.tasks.import_ptv")
def import_ptv(provider_pk: int, ptv_organization: str) -> tuple[int, int]:
    from accounts.models import Organization

    from . import ptv

    provider = Organization.objects.get(pk=provider_pk)
    return ptv.import_channels(provider, ptv.organization_channels(ptv_organization))

from celery import shared_task

from .services import decisions_sweep


@shared_task
def sweep_decisions() -> tuple[int, int]:
    """Daily: notified decisions come into force on their start day and end after it."""
    return decisions_sweep()

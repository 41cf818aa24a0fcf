"""The nightly rebuild of the report's rollups (the beat schedule in kuty/settings.py)."""

from celery import shared_task

from .rollups import refresh_all


@shared_task(name="reports.tasks.refresh_rollups")
def refresh_rollups() -> float:
    return refresh_all()

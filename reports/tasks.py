"""The report's rollups: the nightly full rebuild (the beat schedule in kuty/settings.py)
(the refresh of the cases a write touched is rollups.on_matter_changed, run after the
write's commit by core.hooks' one task)."""

from celery import shared_task

from .rollups import refresh_all


@shared_task(name="reports.tasks.refresh_rollups")
def refresh_rollups() -> float:
    return refresh_all()

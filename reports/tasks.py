"""The report's rollups: the nightly full rebuild (the beat schedule in kuty/settings.py)
and the refresh of the cases a write touched (queued after its commit)."""

from celery import shared_task

from .rollups import refresh_all, refresh_cases


@shared_task(name="reports.tasks.refresh_rollups")
def refresh_rollups() -> float:
    return refresh_all()


@shared_task(name="reports.tasks.refresh_rollup_cases")
def refresh_rollup_cases(case_ids: list[int]) -> None:
    refresh_cases(case_ids)

from celery import shared_task

from .services import plans_sweep


@shared_task
def sweep_plans() -> tuple[int, int]:
    """Daily: plans come into force and end by their dates (see plans_sweep)."""
    return plans_sweep()

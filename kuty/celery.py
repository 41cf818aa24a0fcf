"""The Celery app: Redis broker, settings from Django (CELERY_*), tasks from every app.

The no-loss settings (acks_late, reject on worker lost, prefetch 1, a visibility
timeout longer than the longest task) live in kuty/settings.py.
"""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")

app = Celery("kuty")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def warm_at_start(**_kwargs) -> None:
    """The directory's lemmatiser loaded before the pool forks (not on a first task)."""
    from django.conf import settings

    if settings.KUTY_WARM_AT_START:
        from accounts.search import warm

        warm()

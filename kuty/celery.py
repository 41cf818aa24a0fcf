"""The Celery app: Redis broker, settings from Django (CELERY_*), tasks from every app.

The no-loss settings (acks_late, reject on worker lost, prefetch 1, a visibility
timeout longer than the longest task) live in kuty/settings.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuty.settings")

app = Celery("kuty")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

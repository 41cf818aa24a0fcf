"""Test profile: the same settings, with a fast hasher and in-memory e-mail."""

import os

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Flushes as the owner after transactional tests (tests/dbroles).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.dbroles"]  # noqa: F405
# A queue of the test run's own for what the tests publish (a week save's after-commit
# message, say): never the queue a developer's worker consumes on the same Redis, whose
# worker would run the tests' tasks against its own database. Emptied when the run ends
# (tests/conftest.py).
CELERY_TASK_DEFAULT_QUEUE = f"kuty-tests-{os.getpid()}"

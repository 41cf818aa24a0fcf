"""Test profile: the same settings, with a fast hasher and in-memory e-mail."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Flushes as the owner after transactional tests (tests/dbroles).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.dbroles"]  # noqa: F405

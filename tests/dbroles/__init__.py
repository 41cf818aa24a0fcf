"""The test profile's side of the two database roles (core.dbroles).

Tests run as the application's role, like the product. What only the owner may do, the
owner does: creating and migrating the test database, flushing it after a
transactional test, and the migration tests."""

from collections.abc import Iterator
from contextlib import contextmanager

import dj_database_url
from django.conf import settings
from django.db import connections

_KEYS = ("USER", "PASSWORD", "HOST", "PORT")


def owner_settings() -> dict:
    return dj_database_url.parse(settings.DATABASE_OWNER_URL or settings.DATABASE_URL)


def _switch(alias: str, values: dict) -> dict:
    connection = connections[alias]
    connection.close()
    saved = {key: connection.settings_dict[key] for key in _KEYS}
    connection.settings_dict.update({key: values[key] for key in _KEYS})
    return saved


@contextmanager
def connected_as_owner(alias: str = "default") -> Iterator[None]:
    saved = _switch(alias, owner_settings())
    try:
        yield
    finally:
        _switch(alias, saved)

"""Django's flush, as the owner: a transactional test's teardown empties every table
with TRUNCATE, which the application's role may not do (the logs above all)."""

from django.core.management.commands import flush
from django.db import connections

from core.triggers import TRUNCATE_GUARDED
from tests.dbroles import connected_as_owner


def _truncate_guards(alias: str, state: str) -> None:
    """The logs refuse TRUNCATE even to the owner (core.triggers): a teardown, on
    purpose, turns that one trigger off by name for its flush."""
    with connections[alias].cursor() as cursor:
        for table in TRUNCATE_GUARDED:
            cursor.execute(f"ALTER TABLE {table} {state} TRIGGER kuty_no_truncate")


class Command(flush.Command):
    def handle(self, **options) -> None:
        with connected_as_owner(options["database"]):
            _truncate_guards(options["database"], "DISABLE")
            try:
                super().handle(**options)
            finally:
                _truncate_guards(options["database"], "ENABLE")

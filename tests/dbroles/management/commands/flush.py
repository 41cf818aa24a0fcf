"""Django's flush, as the owner: a transactional test's teardown empties every table
with TRUNCATE, which the application's role may not do (the logs above all)."""

from django.core.management.commands import flush

from tests.dbroles import connected_as_owner


class Command(flush.Command):
    def handle(self, **options) -> None:
        with connected_as_owner(options["database"]):
            super().handle(**options)

from django.apps import AppConfig
from django.conf import settings
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def grant_rollup_truncate(using: str = "default", **_kwargs) -> None:
    """After every `migrate` (run as the owner): the application role may TRUNCATE the
    rollup tables (derived data only), which the nightly full rebuild does."""
    from psycopg import sql

    from .rollups import ALL_TABLES

    app = settings.DATABASE_APP_USER
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT current_user, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s)", [app]
        )
        current, app_exists = cursor.fetchone()
        if current == app or not app_exists:
            return
        statement = sql.SQL("GRANT TRUNCATE ON {} TO {}").format(
            sql.SQL(", ").join(sql.Identifier(table) for table in ALL_TABLES),
            sql.Identifier(app),
        )
        cursor.execute(statement.as_string(cursor.connection))


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Raportit")

    def ready(self) -> None:
        from core import hooks

        from . import rollups

        # a write re-computes the touched cases' rollup rows after it commits
        hooks.on_matter_changed(rollups.on_matter_changed)
        post_migrate.connect(grant_rollup_truncate, sender=self, dispatch_uid="reports-truncate")

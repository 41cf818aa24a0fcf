import logging

from django.apps import AppConfig
from django.conf import settings
from django.db import connections, transaction
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def grant_application_role(using: str = "default", **_kwargs) -> None:
    """After every `migrate` (run as the owner): the application role's privileges.

    Every table gets ordinary DML, except the access and disclosure logs and the
    change history, which get SELECT and INSERT only (core.dbroles). Default
    privileges make tables created later follow, and running this after each migrate
    keeps older databases in step."""
    from django.apps import apps
    from pghistory.models import Event

    from core.dbroles import APPEND_ONLY_TABLES, grant_sql

    # The change history (django-pghistory's event tables) is append-only too.
    history = tuple(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, Event) and not model._meta.proxy
    )
    app = settings.DATABASE_APP_USER
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s)", [app]
        )
        current, app_exists = cursor.fetchone()
        if current == app:
            return
        if not app_exists:
            logger.warning(
                "kuty: database role %s does not exist; the application connects as %s, "
                "which can erase the logs. See docs/operations.md, 'Database roles'.",
                app,
                current,
            )
            return
        for statement in grant_sql(app, APPEND_ONLY_TABLES + history):
            cursor.execute(statement.as_string(cursor.connection))


def install_cheap_trigger_functions(using: str = "default", **_kwargs) -> None:
    """After every `migrate`: the triggers' helpers without a per-row exception block
    (core.triggers). Runs after pghistory's own post_migrate reinstall (app order)."""
    from core.triggers import install_cheap_trigger_functions as install

    install(connections[using])


def install_scope_functions(using: str = "default", **_kwargs) -> None:
    """After every `migrate`, as the owner: the scope of client data in SQL (issue 23:
    clients/scope.py, accounts/scope.py), rendered with today's `Role` values. The
    application role, which owns nothing, uses what the owner installed."""
    from accounts import scope as accounts_scope
    from clients import scope as clients_scope
    from workability import scope as workability_scope

    connection = connections[using]
    # one transaction: a statement running meanwhile waits for the new functions
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == settings.DATABASE_APP_USER:
            return
        for statement in (
            accounts_scope.definitions()
            + clients_scope.definitions()
            + workability_scope.definitions()
        ):
            cursor.execute(statement)


class KutyConfig(AppConfig):
    name = "kuty"
    verbose_name = _("Järjestelmä")

    def ready(self) -> None:
        post_migrate.connect(grant_application_role, sender=self, dispatch_uid="kuty-grants")
        post_migrate.connect(
            install_scope_functions, sender=self, dispatch_uid="kuty-scope-functions"
        )
        post_migrate.connect(
            install_cheap_trigger_functions, sender=self, dispatch_uid="kuty-cheap-triggers"
        )

"""Issue 28: the change history cannot be rewritten. The application's role adds to who
did what and never takes away; the owner cannot empty the 703/2023 logs by accident."""

import datetime
import json
import uuid

import pytest
from axes.models import AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import connection, transaction

from clients.models import AccessLog, DisclosureLog
from tests.clients.test_log_roles import refused
from tests.dbroles import connected_as_owner


def old_context() -> str:
    pk = str(uuid.uuid4())
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO pghistory_context (id, metadata, created_at, updated_at) "
            "VALUES (%s, '{\"user\": 1}', now() - interval '1 day', now() - interval '1 day')",
            [pk],
        )
    return pk


def metadata(pk: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT metadata FROM pghistory_context WHERE id = %s", [pk])
        value = cursor.fetchone()[0]
    return json.loads(value) if isinstance(value, str) else value


def test_the_application_cannot_rewrite_who_made_a_change(db):
    pk = old_context()
    assert refused(f"UPDATE pghistory_context SET metadata = '{{\"user\": 2}}' WHERE id = '{pk}'")
    assert refused(f"DELETE FROM pghistory_context WHERE id = '{pk}'")
    assert refused("TRUNCATE pghistory_context")
    assert metadata(pk) == {"user": 1}


def test_setting_the_context_id_does_not_open_an_old_row(db):
    pk = old_context()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pghistory.context_id', %s, true)", [pk])
        cursor.execute("UPDATE pghistory_context SET metadata = '{}' WHERE id = %s", [pk])
        assert cursor.rowcount == 0  # let pass unchanged: pghistory's own later upsert
    assert metadata(pk) == {"user": 1}


def test_pghistory_still_writes_the_current_transactions_context(world):
    pk = str(uuid.uuid4())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pghistory.context_id', %s, true)", [pk])
        for user in (1, 2):  # the same transaction's metadata changes: upserted
            cursor.execute(
                "SELECT set_config('pghistory.context_metadata', %s, true)", [f'{{"user": {user}}}']
            )
            world.case.client.phone = f"040 {user}"
            world.case.client.save(update_fields=["phone"])
        assert metadata(pk) == {"user": 2}


def test_the_application_cannot_erase_the_admin_login_or_migration_logs(world):
    LogEntry.objects.create(
        user=world.alice, action_flag=ADDITION, object_repr="x", change_message="[]"
    )
    LoginLog.objects.create(username="x", ip_address="127.0.0.1", user_agent="x", path_info="/")
    AccessFailureLog.objects.create(
        username="x", ip_address="127.0.0.1", user_agent="x", path_info="/", locked_out=False
    )
    for table in ("django_admin_log", "axes_accesslog", "axes_accessfailurelog"):
        assert refused(f"DELETE FROM {table}"), table
        assert refused(f"TRUNCATE {table}"), table
    assert refused("UPDATE django_admin_log SET object_repr = 'y'")
    assert refused("DELETE FROM django_migrations")
    assert refused("UPDATE django_migrations SET applied = now()")
    assert refused(
        "INSERT INTO django_migrations (app, name, applied) VALUES ('clients', 'x', now())"
    )
    assert LogEntry.objects.count() == LoginLog.objects.count() == 1
    LoginLog.objects.update(logout_time=datetime.datetime.now(datetime.UTC))  # axes' logout


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("model", [AccessLog, DisclosureLog])
def test_not_even_the_owner_empties_a_703_log_by_truncate(world, model):
    with connected_as_owner():
        assert refused(f"TRUNCATE {model._meta.db_table}")
        assert refused(f"TRUNCATE {model._meta.db_table} CASCADE")

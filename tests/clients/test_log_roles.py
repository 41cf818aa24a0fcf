"""The logs cannot be erased by the application's own connection (issue 10, item 1).

Tests run as the application's role (tests/dbroles), like web, worker and beat; the
owner runs migrations only."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from clients.models import AccessLog, DisclosureLog
from tests.dbroles import connected_as_owner
from tests.factories import ConsentFactory

LOGS = [AccessLog, DisclosureLog]
BYPASS = (
    "SELECT set_config('pgtrigger.ignore', "
    "'{kuty_access_log_append_only,kuty_disclosure_log_append_only}', false)"
)


@pytest.fixture
def logged(client, world):
    """One row in each log: tero reads alice's case by consent."""
    ConsentFactory(client=world.case.client, organization=world.te_office)
    client.force_login(world.tero)
    client.get(f"/asiakkuudet/{world.case.pk}/")
    assert AccessLog.objects.exists() and DisclosureLog.objects.exists()


def refused(sql: str) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError:
        return True
    return False


def test_the_application_role_is_not_the_owner_nor_a_superuser(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,"
            " (SELECT count(*) FROM pg_class WHERE relowner = r.oid)"
            " FROM pg_roles r WHERE rolname = current_user"
        )
        assert cursor.fetchone() == (False, False, False, False, 0)


@pytest.mark.parametrize("model", LOGS)
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE {table} SET at = now()",
        "DELETE FROM {table}",
        "TRUNCATE {table}",
        "TRUNCATE {table} CASCADE",
        "ALTER TABLE {table} DISABLE TRIGGER ALL",
        "ALTER TABLE {table} DISABLE TRIGGER USER",
        "DROP TABLE {table} CASCADE",
    ],
)
def test_the_application_role_cannot_erase_a_log(logged, model, sql):
    assert refused(sql.format(table=model._meta.db_table))
    assert model.objects.exists()


@pytest.mark.parametrize("model", LOGS)
@pytest.mark.parametrize("sql", ["UPDATE {table} SET at = now()", "DELETE FROM {table}"])
def test_the_session_variable_bypass_is_not_honoured(logged, model, sql):
    assert refused(BYPASS + "; " + sql.format(table=model._meta.db_table))
    assert model.objects.exists()


def test_the_application_role_cannot_turn_triggers_off_by_replication_role(db):
    assert refused("SET session_replication_role = replica")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("model", LOGS)
def test_even_the_owner_cannot_change_a_row_past_the_trigger(client, world, model):
    ConsentFactory(client=world.case.client, organization=world.te_office)
    client.force_login(world.tero)
    client.get(f"/asiakkuudet/{world.case.pk}/")
    table = model._meta.db_table
    with connected_as_owner():
        assert refused(BYPASS + f"; UPDATE {table} SET at = now()")
        assert refused(BYPASS + f"; DELETE FROM {table}")
    assert model.objects.exists()


def test_ordinary_tables_take_ordinary_changes(world):
    world.case.client.phone = "040 123"
    world.case.client.save(update_fields=["phone"])
    assert refused("DELETE FROM django_session") is False


@pytest.mark.parametrize(
    "table", ["accounts_membershipevent", "clients_caseevent", "clients_clientevent"]
)
@pytest.mark.parametrize("sql", ["DELETE FROM {table}", "UPDATE {table} SET pgh_label = 'x'"])
def test_the_change_history_is_append_only_for_the_application(world, table, sql):
    assert refused(sql.format(table=table))


@pytest.mark.django_db(transaction=True)
def test_a_table_a_later_migration_makes_is_open_to_the_application():
    with connected_as_owner(), connection.cursor() as cursor:
        cursor.execute("CREATE TABLE kuty_later (id int)")
    try:
        assert refused("INSERT INTO kuty_later VALUES (1)") is False
        assert refused("TRUNCATE kuty_later")  # ordinary DML, never TRUNCATE
    finally:
        with connected_as_owner(), connection.cursor() as cursor:
            cursor.execute("DROP TABLE kuty_later")

"""A made decision never changes, whatever the session says (DESIGN: the database
protects what must never change; issue 10)."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from clients.models import Client


def every_trigger_ignored(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(tgname, ',') FROM pg_trigger WHERE tgrelid = %s::regclass",
            [table],
        )
        names = cursor.fetchone()[0]
    return f"SELECT set_config('pgtrigger.ignore', '{{{names}}}', false)"


def refused(*statements: str) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    except DatabaseError:
        return True
    return False


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE decisions_decision SET reasons = 'toisin' WHERE id = {pk}",
        "UPDATE decisions_decision SET status = 'draft' WHERE id = {pk}",
        "DELETE FROM decisions_decision WHERE id = {pk}",
    ],
)
def test_a_made_decision_stays_as_made_even_with_the_bypass_set(made, sql):
    bypass = every_trigger_ignored("decisions_decision")
    assert refused(bypass, sql.format(pk=made.pk))
    made.refresh_from_db()
    assert made.status != "draft" and made.reasons != "toisin"


def test_a_client_record_keeps_its_registrar_even_with_the_bypass_set(world):
    bypass = every_trigger_ignored("clients_client")
    assert refused(
        bypass,
        f"UPDATE clients_client SET registrar_id = {world.lapua.pk} "
        f"WHERE id = {world.case.client_id}",
    )
    assert Client.objects.get(pk=world.case.client_id).registrar == world.seinajoki


def test_a_case_is_not_moved_to_another_registrar_even_with_the_bypass_set(world):
    bypass = every_trigger_ignored("clients_case")
    assert refused(
        bypass,
        f"UPDATE clients_case SET municipality_id = {world.lapua.pk} WHERE id = {world.case.pk}",
    )

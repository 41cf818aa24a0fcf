"""The database settings national scale needs (issue 15): JIT off for this OLTP
workload, and the history triggers' helpers without a per-row exception block."""

import pghistory
import pgtrigger
import pytest
from django.db import connection

from clients.models import Case, Client
from tests.factories import CaseFactory


def _source(function: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = %s", [function])
        return cursor.fetchone()[0]


def test_the_applications_connections_run_without_jit(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_a_choice_list_is_read_without_a_server_side_cursor(db, world):
    from django.contrib.auth import get_user_model
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        list(get_user_model().objects.order_by("pk").iterator())
    assert not any("DECLARE" in query["sql"] for query in queries)


@pytest.mark.parametrize("function", ["_pgtrigger_should_ignore", "_pgh_attach_context"])
def test_trigger_helpers_enter_no_exception_block_per_row(db, function):
    assert "EXCEPTION" not in _source(function).upper()


def test_history_still_records_its_context(db, world):
    with pghistory.context(reason="bench"):
        case = CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    event = Case.pgh_event_model.objects.get(pgh_obj=case)
    assert event.pgh_context.metadata == {"reason": "bench"}


def test_an_ignored_trigger_still_steps_aside_and_a_strict_one_does_not(db, world):
    event_model = Client.pgh_event_model
    before = event_model.objects.count()
    with pgtrigger.ignore("clients.Client:insert_insert"):
        CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    assert event_model.objects.count() == before
    CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    assert event_model.objects.count() == before + 1

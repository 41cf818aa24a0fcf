"""Every "top N by date" list reads its page off an index that leads with its filter and
ends with its order (issue 30): the first 25 rows, not the whole municipality sorted."""

from django.db import connection, transaction

from clients.models import Case
from tests.factories import CaseFactory


def plan_of(queryset) -> str:
    """The plan as PostgreSQL would choose it on a large table (the test tables are
    small: a sequential scan would win on them whatever the indexes)."""
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_list_of_all_cases_reads_its_first_page_off_an_index(world):
    for _i in range(3):
        CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    cases = Case.objects.workable_by(world.alice).select_related(
        "client", "municipality", "responsible_worker"
    )
    plan = plan_of(cases.order_by("-opened_on", "-pk")[:25])
    assert "case_by_municipality_newest" in plan, plan
    assert "Sort" not in plan, plan

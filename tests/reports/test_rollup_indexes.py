"""The report filtered to one municipality reads that organiser's rollup rows by an
index leading with the organiser (issue 30: no index led with it, so the filter did not
narrow the scan of the national tables)."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reports import rollups
from reports.forms import Filters
from reports.rolled import figures as rolled_figures  # not the conftest's, which rebuilds
from reports.scope import scope_for

from .conftest import END, START


def plan(sql: str) -> str:
    """As PostgreSQL would plan it on the national tables (here they are tiny: a
    sequential scan would win whatever the indexes)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_one_municipalitys_report_reads_its_rows_by_the_organiser(world, region):
    rollups.refresh_all()
    filters = Filters(start=START, end=END, municipality=world.seinajoki.pk)
    with CaptureQueriesContext(connection) as figures:
        rolled_figures(scope_for(world.kaisa), filters)
    # the statements over the scoped case and placement facts (the WITH head) and the
    # participation's months (the day limit's screen is its own near-the-limit index)
    statements = [
        q["sql"]
        for q in figures.captured_queries
        if q["sql"].startswith("WITH cf") or "reports_attendancegroupmonth" in q["sql"]
    ]
    assert len(statements) >= 4
    for sql in statements:
        shown = plan(sql)
        assert "_organiser" in shown, shown


def test_a_providers_report_reads_its_sites_rows_by_the_site(world, region):
    """A provider's scope (its sites) and the site filter: the cases placed there by the
    cases' sites (GIN), the placements by their site."""
    from accounts.models import Site
    from reports.scope import Scope

    rollups.refresh_all()
    own = tuple(Site.objects.filter(pk=world.site.pk).values_list("pk", flat=True))
    scope = Scope("supervisor", None, own, True)
    with CaptureQueriesContext(connection) as figures:
        rolled_figures(scope, Filters(start=START, end=END))
    statements = [q["sql"] for q in figures.captured_queries if q["sql"].startswith("WITH cf")]
    assert statements
    for sql in statements:
        shown = plan(sql)
        assert "rollup_case_sites" in shown or "rollup_placement_site" in shown, shown

"""The directory asks each site's places held today once per site shown (issue 30: the
free places were computed from a copy of the held-places sub-query, so PostgreSQL ran
it twice for every result)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.placements.test_directory import sites  # noqa: F401 - the fixture


def test_the_held_places_are_asked_once_per_site(client, world, sites):  # noqa: F811
    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as asked:
        response = client.get("/palveluhakemisto/", {"q": "puutyö"})
    assert response.status_code == 200
    rows = [
        q["sql"]
        for q in asked.captured_queries
        if q["sql"].startswith('SELECT "accounts_site"."id"') and "LIMIT" in q["sql"]
    ]
    assert rows, [q["sql"][:80] for q in asked.captured_queries]
    for sql in rows:
        assert sql.count('FROM "placements_placement"') == 1, sql
    assert "Vapaana" in response.content.decode()

"""The client's data export prints times in Helsinki time, as the pages do (issue 27,
item 10: an aware time from the database was printed in UTC)."""

import datetime

from clients.models import AccessLog


def test_the_exports_times_are_helsinki_time(client, world):
    noon_utc = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
    AccessLog.objects.create(
        user=world.tero, client=world.case.client, action="view", what="x", at=noon_utc
    )
    client.force_login(world.alice)
    data = client.get(f"/asiakkuudet/{world.case.pk}/tiedot.json").json()
    log = next(s for s in data["sections"] if s["kind"] == "access_log")["records"]
    assert "01.12.2026 12:00" in [row["fields"]["aika"] for row in log]  # UTC+2 in winter

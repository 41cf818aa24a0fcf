"""Issue 28: the TT3 exports carry no formulas and log only a valid request."""

from clients.models import AccessLog
from tests.placements.test_attendance import place
from tests.placements.test_tt3 import period, record_week


def test_a_client_name_like_a_formula_is_text_in_the_tt3_csv(client, world):
    placement = place(world)
    record_week(client, world, placement)
    type(placement).objects.filter(pk=placement.pk).update(client_name="=1+1\tx")
    lines = client.get(f"/tyotoiminta/{placement.pk}/tt3.csv?{period(placement)}").content
    rows = lines.decode().strip().splitlines()[1:]
    assert rows and all(row.startswith("'=1+1") for row in rows)


def test_a_tt3_export_without_its_period_is_404_and_logs_nothing(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    before = AccessLog.objects.count()
    for kind in ("csv", "pdf"):
        assert client.get(f"/tyotoiminta/{placement.pk}/tt3.{kind}").status_code == 404
    assert AccessLog.objects.count() == before

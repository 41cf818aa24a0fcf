"""An assessment cannot be dated before its case was opened."""

import datetime

from plans.models import Assessment


def test_assessment_before_the_case_opened_is_refused_naming_the_field(client, world):
    case = world.case
    case.opened_on = datetime.date(2026, 3, 2)
    case.save(update_fields=["opened_on"])
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{case.pk}/arviointi/uusi/",
        {"started_on": "2026-02-27", "summary": "Arvio tehty."},
    )
    page = response.content.decode()
    assert "Aloitettu: päivä ei voi olla ennen kuin asiakkuus avattiin (2.3.2026)." in page
    assert not Assessment.objects.exists()


def test_assessment_on_the_opening_day_is_recorded(client, world):
    case = world.case
    case.opened_on = datetime.date(2026, 3, 2)
    case.save(update_fields=["opened_on"])
    client.force_login(world.alice)
    client.post(
        f"/asiakkuudet/{case.pk}/arviointi/uusi/",
        {"started_on": "2026-03-02", "summary": "Arvio tehty."},
    )
    assert Assessment.objects.get().started_on == datetime.date(2026, 3, 2)

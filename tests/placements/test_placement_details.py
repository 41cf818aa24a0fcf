"""The placement's "Jakson tiedot" panel, as the supervisor pekka uses it."""

import datetime

from tests.clients.test_user_choices import options
from tests.placements.test_attendance import place


def test_supervisor_sees_fields_for_supervisor_orientation_and_agreement(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    page = client.get(f"/tyotoiminta/{placement.pk}/").content.decode()
    assert 'name="supervisor"' in page
    assert 'name="orientation_on"' in page and 'name="agreement_on"' in page
    assert world.pekka.get_full_name() in options(page, "supervisor")  # not "pekka"


def test_an_empty_save_does_not_claim_saved(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    response = client.post(f"/tyotoiminta/{placement.pk}/tiedot/", {}, follow=True)
    page = response.content.decode()
    assert "Tiedot tallennettu" not in page
    assert "Ei muutoksia" in page


def test_a_real_change_is_saved_and_says_so(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    response = client.post(
        f"/tyotoiminta/{placement.pk}/tiedot/",
        {"supervisor": world.pekka.pk, "orientation_on": "2026-01-05", "agreement_on": ""},
        follow=True,
    )
    assert "Tiedot tallennettu" in response.content.decode()
    placement.refresh_from_db()
    assert placement.supervisor == world.pekka
    assert placement.orientation_on == datetime.date(2026, 1, 5)

"""The client sees their consents and withdraws one: the other party loses access at
once (issue 24)."""

import pytest

from clients.models import AccessLog

from .conftest import MAIJA, page, sign_in, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def consent(world, maija, shared_case):
    return shared_case.client.consents.get()


def test_client_sees_to_whom_a_consent_applies(client, oidc, world, consent):
    sign_in(client, MAIJA)
    shown = page(client.get("/oma/suostumukset/"))
    assert texts(shown, "//main//h2") == ["Työllisyysalue"]
    assert "Voimassa toistaiseksi." in " ".join(texts(shown, "//main//p"))


def test_withdrawal_takes_effect_at_once_for_the_officer(client, oidc, world, consent):
    officer = type(client)()
    officer.force_login(world.tero)
    assert officer.get(f"/asiakkuudet/{world.case.pk}/").status_code == 200
    sign_in(client, MAIJA)
    response = client.post(f"/oma/suostumukset/{consent.pk}/peru/", follow=True)
    assert "Suostumus on peruttu. Se ei ole enää voimassa." in texts(page(response), "//li")
    assert officer.get(f"/asiakkuudet/{world.case.pk}/").status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_another_persons_consent_cannot_be_withdrawn(client, oidc, world, consent):
    from tests.factories import ConsentFactory

    others = ConsentFactory(client=world.other_case.client, organization=world.te_office)
    sign_in(client, MAIJA)
    before = AccessLog.objects.count()
    assert client.post(f"/oma/suostumukset/{others.pk}/peru/").status_code == 404
    others.refresh_from_db()
    assert others.withdrawn_at is None
    assert AccessLog.objects.count() == before


def test_withdrawing_wants_post(client, oidc, consent):
    sign_in(client, MAIJA)
    assert client.get(f"/oma/suostumukset/{consent.pk}/peru/").status_code == 405

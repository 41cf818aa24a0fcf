"""Who sees a case: own municipality, a substitute for a period, an officer by consent."""

import datetime

import pytest
from django.utils import timezone

from clients import services
from clients.models import Case, Client
from tests.factories import CaseFactory, ConsentFactory

TODAY = timezone.localdate()


def visible(user, case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def test_social_worker_sees_cases_of_own_municipality(world):
    assert visible(world.alice, world.case)
    assert visible(world.sami, world.case)
    assert not visible(world.alice, world.other_case)


@pytest.mark.parametrize("persona", ["olli", "tero", "pekka", "otto", "kaisa", "paula", "tuula"])
def test_other_roles_and_organisations_see_nothing(world, persona):
    user = getattr(world, persona)
    assert not visible(user, world.case)
    assert not Client.objects.visible_to(user).filter(pk=world.case.client_id).exists()


def test_outsider_gets_404_on_the_case_page(client, world):
    client.force_login(world.olli)
    assert client.get(f"/asiakkuudet/{world.case.pk}/").status_code == 404


def test_officer_sees_case_while_consent_is_in_force(world):
    consent = ConsentFactory(client=world.case.client, organization=world.te_office)
    assert visible(world.tero, world.case)
    services.consent_withdraw(user=world.alice, consent=consent)
    assert not visible(world.tero, world.case)


def test_officer_loses_the_case_the_moment_consent_is_withdrawn_in_the_page(client, world):
    consent = ConsentFactory(client=world.case.client, organization=world.te_office)
    officer = client.__class__()
    officer.force_login(world.tero)
    assert officer.get(f"/asiakkuudet/{world.case.pk}/").status_code == 200
    client.force_login(world.alice)
    client.post(f"/asiakkuudet/{world.case.pk}/suostumukset/{consent.pk}/peru/")
    assert officer.get(f"/asiakkuudet/{world.case.pk}/").status_code == 404


def test_expired_consent_shares_nothing(world):
    ConsentFactory(
        client=world.case.client,
        organization=world.te_office,
        given_on=TODAY - datetime.timedelta(days=30),
        expires_on=TODAY - datetime.timedelta(days=1),
    )
    assert not visible(world.tero, world.case)


def test_consent_to_another_organisation_shares_nothing_with_the_officer(world):
    ConsentFactory(client=world.case.client, organization=world.provider)
    assert not visible(world.tero, world.case)


def test_officer_sees_masked_hetu_and_no_privacy_tools(client, world):
    ConsentFactory(client=world.case.client, organization=world.te_office)
    client.force_login(world.tero)
    page = client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    assert world.case.client.masked_hetu in page
    assert world.case.client.hetu not in page
    assert "Muutoshistoria" not in page


def test_officer_cannot_work_on_a_shared_case(client, world):
    ConsentFactory(client=world.case.client, organization=world.te_office)
    client.force_login(world.tero)
    assert client.get(f"/asiakkuudet/{world.case.pk}/suostumukset/uusi/").status_code == 404
    assert client.get(f"/asiakkuudet/{world.case.pk}/tiedot.json").status_code == 404


def test_officer_sees_only_the_open_case_of_a_consenting_client(world, shared_case):
    old = CaseFactory(
        client=shared_case.client,
        municipality=world.seinajoki,
        opened_on=TODAY - datetime.timedelta(days=900),
        closed_on=TODAY - datetime.timedelta(days=800),
        phase="closed",
    )
    visible = set(Case.objects.visible_to(world.tero).values_list("pk", flat=True))
    assert shared_case.pk in visible and old.pk not in visible

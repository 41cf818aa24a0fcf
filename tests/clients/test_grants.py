"""Substitute grants: a colleague of the same registrar, for a bounded period (issue 9/4)."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.db import IntegrityError
from django.utils import timezone

from accounts.models import Role
from clients.models import AccessLog, CaseGrant, DisclosureLog
from tests.factories import member

TODAY = timezone.localdate()


def grant_page(case) -> str:
    return f"/asiakkuudet/{case.pk}/oikeudet/"


def test_grant_to_another_registrars_worker_is_refused(client, world):
    client.force_login(world.alice)
    response = client.post(
        grant_page(world.case),
        {"user": world.olli.pk, "reason": "Loma", "starts_on": TODAY, "ends_on": TODAY},
    )
    assert response.status_code == 200
    assert "olli" not in {u.username for u in response.context["form"].fields["user"].queryset}
    assert response.context["form"].errors["user"]
    assert not world.case.grants.exists()


def test_grant_longer_than_the_setting_is_refused_naming_the_last_day(client, world, settings):
    settings.KUTY_GRANT_MAX_MONTHS = 3
    client.force_login(world.alice)
    response = client.post(
        grant_page(world.case),
        {"user": world.sami.pk, "reason": "Loma", "starts_on": TODAY, "ends_on": "2099-12-31"},
    )
    message = " ".join(response.context["form"].errors["ends_on"])
    assert "enintään 3 kuukautta" in message
    assert not world.case.grants.exists()


def test_database_refuses_an_open_ended_grant(world):
    with pytest.raises(IntegrityError):
        CaseGrant.objects.create(
            case=world.case,
            user=world.sami,
            reason="x",
            starts_on=TODAY,
            ends_on=datetime.date(2099, 12, 31),
            granted_by=world.alice,
        )


def test_colleague_is_granted_and_renewed_for_another_period(client, world, settings):
    settings.KUTY_GRANT_MAX_MONTHS = 3
    client.force_login(world.alice)
    ends = TODAY + datetime.timedelta(days=30)
    client.post(
        grant_page(world.case),
        {"user": world.sami.pk, "reason": "Loma", "starts_on": TODAY, "ends_on": ends},
    )
    grant = world.case.grants.get()
    client.post(f"{grant_page(world.case)}{grant.pk}/jatka/")
    renewal = world.case.grants.exclude(pk=grant.pk).get()
    assert renewal.starts_on == ends + datetime.timedelta(days=1)
    assert renewal.ends_on == renewal.starts_on + relativedelta(months=3)
    assert renewal.user == world.sami and grant.ends_on == ends  # the old one as it was


def test_a_grant_row_to_an_outsider_opens_nothing(client, world):
    """Even a grant written past the service (as older versions allowed) gives another
    registrar's worker no access and so no disclosure."""
    CaseGrant.objects.create(
        case=world.case,
        user=world.olli,
        reason="x",
        starts_on=TODAY,
        ends_on=TODAY,
        granted_by=world.alice,
    )
    client.force_login(world.olli)
    assert client.get(f"/asiakkuudet/{world.case.pk}/").status_code == 404
    assert client.get(f"/api/v1/cases/{world.case.pk}/").status_code == 404
    assert not AccessLog.objects.filter(user=world.olli).exists()
    assert not DisclosureLog.objects.exists()


def test_only_the_responsible_worker_grants(client, world):
    colleague = member(Role.SOCIAL_WORKER, world.seinajoki, username="sini")
    client.force_login(world.sami)
    response = client.post(
        grant_page(world.case),
        {"user": colleague.pk, "reason": "Loma", "starts_on": TODAY, "ends_on": TODAY},
    )
    assert "Vain asiakkuuden omatyöntekijä" in response.content.decode()
    assert not world.case.grants.exists()


def test_revoked_grant_cannot_be_renewed(client, world):
    grant = CaseGrant.objects.create(
        case=world.case,
        user=world.sami,
        reason="x",
        starts_on=TODAY,
        ends_on=TODAY,
        granted_by=world.alice,
        revoked_at=timezone.now(),
    )
    client.force_login(world.alice)
    response = client.post(f"{grant_page(world.case)}{grant.pk}/jatka/", follow=True)
    assert "Peruttua käyttöoikeutta ei voi jatkaa" in response.content.decode()
    assert world.case.grants.count() == 1

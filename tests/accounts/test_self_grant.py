"""Nobody grants themselves access to client data (issue 10, item 3)."""

import pytest
from django.utils import timezone

from accounts.models import Membership, MembershipEvent, Role
from tests.factories import SiteFactory, member

REFUSAL = "Et voi antaa itsellesi asiakastietoihin oikeuttavaa jäsenyyttä"


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.paula)
    return client


def add_membership(admin_client, user, organization, role, sites=()):
    return admin_client.post(
        "/hallinta/accounts/membership/add/",
        {"user": user.pk, "organization": organization.pk, "role": role, "sites": list(sites)},
    )


def test_admin_cannot_make_themselves_a_social_worker(admin_client, world):
    response = add_membership(admin_client, world.paula, world.seinajoki, Role.SOCIAL_WORKER)
    assert REFUSAL in response.content.decode()
    assert not Membership.objects.filter(user=world.paula, role=Role.SOCIAL_WORKER).exists()
    assert admin_client.get(f"/asiakkuudet/{world.case.pk}/").status_code == 404


def test_admin_cannot_turn_their_own_admin_membership_into_a_social_worker(admin_client, world):
    own = Membership.objects.get(user=world.paula)
    response = admin_client.post(
        f"/hallinta/accounts/membership/{own.pk}/change/",
        {"user": world.paula.pk, "organization": world.seinajoki.pk, "role": "social_worker"},
    )
    assert REFUSAL in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_admin_cannot_grant_themselves_in_their_own_user_page(admin_client, world):
    own = Membership.objects.get(user=world.paula)
    user = world.paula
    response = admin_client.post(
        f"/hallinta/accounts/user/{user.pk}/change/",
        {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "is_active": "on",
            "date_joined_0": "1.1.2026",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": own.pk,
            "memberships-0-user": user.pk,
            "memberships-0-organization": world.seinajoki.pk,
            "memberships-0-role": "admin",
            "memberships-1-user": user.pk,
            "memberships-1-organization": world.seinajoki.pk,
            "memberships-1-role": "privacy_officer",
        },
    )
    assert REFUSAL in response.content.decode()
    assert list(user.memberships.values_list("role", flat=True)) == ["admin"]


def test_admin_gives_a_colleague_a_social_worker_membership(admin_client, world):
    newcomer = member(Role.PRIVACY_OFFICER, world.seinajoki, username="uusi")
    response = add_membership(admin_client, newcomer, world.seinajoki, Role.SOCIAL_WORKER)
    assert response.status_code == 302
    assert newcomer.memberships.filter(role=Role.SOCIAL_WORKER).exists()


def test_a_supervisor_cannot_add_a_site_to_their_own_membership(client, world):
    boss = member(Role.ADMIN, world.provider, username="esihenkilo", is_staff=True)
    own = Membership.objects.create(user=boss, organization=world.provider, role=Role.SUPERVISOR)
    own.sites.set([world.site])
    second = SiteFactory(organization=world.provider, municipality=world.seinajoki)
    client.force_login(boss)
    response = client.post(
        f"/hallinta/accounts/membership/{own.pk}/change/",
        {
            "user": boss.pk,
            "organization": world.provider.pk,
            "role": "supervisor",
            "sites": [world.site.pk, second.pk],
        },
    )
    assert REFUSAL in response.content.decode()
    assert list(own.sites.all()) == [world.site]
    # narrowing one's own is fine
    response = client.post(
        f"/hallinta/accounts/membership/{own.pk}/change/",
        {"user": boss.pk, "organization": world.provider.pk, "role": "supervisor", "sites": []},
    )
    assert response.status_code == 302
    assert not own.sites.exists()


def test_every_membership_change_is_in_the_history_with_who_made_it(admin_client, world):
    add_membership(admin_client, world.sami, world.seinajoki, Role.PRIVACY_OFFICER)
    created = Membership.objects.get(user=world.sami, role=Role.PRIVACY_OFFICER)
    admin_client.post(f"/hallinta/accounts/membership/{created.pk}/delete/", {"post": "yes"})
    events = MembershipEvent.objects.filter(pgh_obj_id=created.pk).order_by("pgh_id")
    assert [event.pgh_label for event in events] == ["insert", "delete"]
    assert all(event.pgh_context.metadata["user"] == world.paula.pk for event in events)


def test_the_misuse_check_shows_membership_changes_of_the_checked_user(admin_client, client, world):
    add_membership(admin_client, world.sami, world.seinajoki, Role.PRIVACY_OFFICER)
    client.force_login(world.tuula)
    today = timezone.localdate().strftime("%-d.%-m.%Y")
    page = client.get(
        "/tietosuoja/vaarinkaytto/", {"user": world.sami.pk, "start": today, "end": today}
    ).content.decode()
    assert "Käyttöoikeuksien muutokset" in page
    assert "Tietosuojavastaava" in page
    assert "paula" in page

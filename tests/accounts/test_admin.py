"""An organisation's administrator manages their own organisation only."""

import pytest

from accounts.models import Role
from tests.factories import member


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.paula)
    return client


def test_org_admin_sees_own_organization_in_the_list(admin_client, world):
    page = admin_client.get("/hallinta/accounts/organization/").content.decode()
    assert "Seinäjoki" in page
    assert "Lapua" not in page


def test_org_admin_can_open_own_organization(admin_client, world):
    url = f"/hallinta/accounts/organization/{world.seinajoki.pk}/change/"
    assert admin_client.get(url).status_code == 200


def test_org_admin_cannot_open_another_organization(admin_client, world):
    response = admin_client.get(f"/hallinta/accounts/organization/{world.lapua.pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert admin_client.get(response["Location"]).status_code == 200
    assert "Lapua" not in admin_client.get("/hallinta/accounts/organization/").content.decode()


def test_org_admin_cannot_open_a_user_of_another_organization(admin_client, world):
    response = admin_client.get(f"/hallinta/accounts/user/{world.olli.pk}/change/")
    assert response.status_code == 302
    users = admin_client.get("/hallinta/accounts/user/").content.decode()
    assert ">alice<" in users
    assert ">olli<" not in users  # the name as a cell ("mahdollisesta" holds "olli")


def test_org_admin_cannot_open_another_providers_site(admin_client, world):
    world.paula.memberships.create(organization=world.provider, role=Role.ADMIN)
    assert admin_client.get(f"/hallinta/accounts/site/{world.site.pk}/change/").status_code == 200
    response = admin_client.get(f"/hallinta/accounts/site/{world.other_site.pk}/change/")
    assert response.status_code == 302


def test_org_admin_cannot_add_organizations(admin_client):
    assert admin_client.get("/hallinta/accounts/organization/add/").status_code == 403


def test_org_admin_cannot_make_a_superuser(admin_client, world):
    page = admin_client.get(f"/hallinta/accounts/user/{world.alice.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page


def test_social_worker_has_no_admin(client, world):
    client.force_login(world.alice)
    response = client.get("/hallinta/accounts/organization/")
    assert response.status_code == 302
    assert "/hallinta/login/" in response["Location"]


def test_staff_without_admin_role_sees_nothing(client, world):
    staff = member(Role.SOCIAL_WORKER, world.seinajoki, is_staff=True)
    client.force_login(staff)
    assert client.get("/hallinta/accounts/organization/").status_code == 403


def test_org_admin_cannot_reach_a_user_who_also_belongs_elsewhere(client, world):
    both = member(Role.SOCIAL_WORKER, world.seinajoki, username="both")
    both.memberships.create(organization=world.lapua, role=Role.SOCIAL_WORKER)
    client.force_login(world.paula)
    assert client.get(f"/hallinta/accounts/user/{both.pk}/change/").status_code == 302
    page = client.get(f"/hallinta/accounts/organization/{world.seinajoki.pk}/change/")
    assert 'name="kind"' not in page.content.decode()

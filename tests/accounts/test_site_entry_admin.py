"""The site's editing rights in the admin (guardian's GuardedModelAdmin), under the same
rules as the site page: the provider's administrator, a colleague, never oneself."""

import pytest
from guardian.core import ObjectPermissionChecker

from accounts.models import Role, SiteEntryEditor
from tests.factories import member


@pytest.fixture
def aino(world):
    return member(Role.ADMIN, world.provider, username="aino", is_staff=True)


def rights_url(site) -> str:
    return f"/hallinta/accounts/site/{site.pk}/permissions/"


def test_admin_grants_and_revokes_in_the_admin(client, world, aino):
    client.force_login(aino)
    change = client.get(f"/hallinta/accounts/site/{world.site.pk}/change/").content.decode()
    assert rights_url(world.site) in change
    response = client.post(
        rights_url(world.site), {"user": world.pekka.username, "submit_manage_user": "1"}
    )
    manage = f"{rights_url(world.site)}user-manage/{world.pekka.pk}/"
    assert response.status_code == 302 and response.url == manage
    assert client.post(manage, {"granted": "on"}).status_code == 302
    assert ObjectPermissionChecker(world.pekka).has_perm("change_site_entry", world.site)
    assert world.pekka.username in client.get(rights_url(world.site)).content.decode()
    client.post(manage, {})
    assert not SiteEntryEditor.objects.exists()


def test_admin_page_offers_only_the_entry_right_and_no_groups(client, world, aino):
    client.force_login(aino)
    page = client.get(f"{rights_url(world.site)}user-manage/{world.pekka.pk}/").content.decode()
    assert "Saa muokata yksikön hakemistotietoja" in page and "Delete" not in page
    assert client.get(f"{rights_url(world.site)}group-manage/1/").status_code == 404


def test_admin_refuses_a_user_of_another_organisation(client, world, aino):
    client.force_login(aino)
    manage = f"{rights_url(world.site)}user-manage/{world.otto.pk}/"
    response = client.post(manage, {"granted": "on"}, follow=True)
    assert "vain palveluntuottajan Työpajat työntekijälle" in response.content.decode()
    assert not SiteEntryEditor.objects.exists()


def test_admin_refuses_oneself(client, world, aino):
    client.force_login(aino)
    manage = f"{rights_url(world.site)}user-manage/{aino.pk}/"
    response = client.post(manage, {"granted": "on"}, follow=True)
    assert "Et voi antaa muokkausoikeutta itsellesi" in response.content.decode()
    assert not SiteEntryEditor.objects.exists()


def test_another_providers_admin_does_not_reach_the_rights(client, world, aino):
    outsider = member(Role.ADMIN, world.other_provider, username="toivo", is_staff=True)
    client.force_login(outsider)
    assert client.get(rights_url(world.site)).status_code == 404
    manage = f"{rights_url(world.site)}user-manage/{world.pekka.pk}/"
    assert client.post(manage, {"granted": "on"}).status_code == 404
    assert not SiteEntryEditor.objects.exists()


def test_municipality_admin_does_not_reach_a_providers_rights(client, world):
    client.force_login(world.paula)
    assert client.get(rights_url(world.site)).status_code == 404


def test_saving_the_site_in_the_admin_records_the_update(client, world, aino):
    client.force_login(aino)
    site = world.site
    data = {
        "organization": site.organization_id,
        "name": site.name,
        "description": "Admin kirjoitti",
        "street_address": site.street_address,
        "postal_code": site.postal_code,
        "post_office": site.post_office,
        "municipality": site.municipality_id,
        "kinds_of_work": "puutyö",
        "capacity": "10",
        "languages": "fi",
        "active": "on",
    }
    response = client.post(f"/hallinta/accounts/site/{site.pk}/change/", data)
    assert response.status_code == 302
    site.refresh_from_db()
    assert (site.description, site.entry_updated_by) == ("Admin kirjoitti", aino)

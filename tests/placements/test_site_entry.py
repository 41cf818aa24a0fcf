"""Providers keep their own directory entries (issue 14, item 4).

A provider's administrator edits every own site and grants a colleague the right to edit
one site's entry (a django-guardian object permission); anyone else gets 404.

aino   administrator of the provider of Pajuluoma and Kampus
pekka  supervisor of that provider (Pajuluoma): the colleague
otto   supervisor of another provider
"""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from guardian.core import ObjectPermissionChecker

from accounts.access import entry_editable
from accounts.models import Membership, Role, Site, SiteEntryEditor, SiteEvent
from accounts.services import site_entry_grant, site_reindex
from placements.models import SiteClosure
from placements.services import no_service_days
from tests.factories import SiteFactory, api_for, member

PERM = "accounts.change_site_entry"


@pytest.fixture
def org(world):
    aino = member(Role.ADMIN, world.provider, username="aino", first_name="Aino", last_name="Admin")
    kampus = SiteFactory(organization=world.provider, municipality=world.seinajoki, name="Kampus")
    other_admin = member(Role.ADMIN, world.other_provider, username="toivo", is_staff=True)
    return SimpleNamespace(admin=aino, kampus=kampus, other_admin=other_admin)


@pytest.fixture
def granted(world, org):
    """pekka may edit Pajuluoma's entry (granted by aino)."""
    site_entry_grant(actor=org.admin, site=world.site, user=world.pekka)
    return world.pekka


def can_edit(user, site) -> bool:
    return ObjectPermissionChecker(user).has_perm(PERM, site)


ENTRY = {
    "description": "Puutöitä ja veneiden kunnostusta.",
    "kinds_of_work": "puutyö, veneet",
    "capacity": "14",
    "languages": ["fi", "sv"],
    "accessibility": "Luiska pääovella.",
    "contact_name": "Pekka",
}


# --- granting and revoking on the site page ------------------------------------------


def test_provider_admin_grants_a_colleague_on_the_site_page(client, world, org):
    client.force_login(org.admin)
    page = client.get(f"/palveluhakemisto/{world.site.pk}/").content.decode()
    assert "Anna muokkausoikeus" in page and world.pekka.get_full_name() in page
    response = client.post(f"/palveluhakemisto/{world.site.pk}/oikeudet/", {"user": world.pekka.pk})
    assert response.status_code == 302
    assert can_edit(world.pekka, world.site)
    assert not can_edit(world.pekka, org.kampus)


def test_revoked_colleague_gets_404(client, world, org, granted):
    client.force_login(org.admin)
    client.post(f"/palveluhakemisto/{world.site.pk}/oikeudet/{world.pekka.pk}/peru/")
    assert not SiteEntryEditor.objects.filter(user=world.pekka).exists()
    client.force_login(world.pekka)
    assert client.get(f"/palveluhakemisto/{world.site.pk}/muokkaa/").status_code == 404


def test_another_providers_admin_cannot_grant(client, world, org):
    client.force_login(org.other_admin)
    url = f"/palveluhakemisto/{world.site.pk}/oikeudet/"
    assert client.post(url, {"user": world.pekka.pk}).status_code == 404
    assert (
        "Anna muokkausoikeus"
        not in client.get(f"/palveluhakemisto/{world.site.pk}/").content.decode()
    )
    assert not SiteEntryEditor.objects.exists()


def test_nobody_grants_themselves(client, world, org):
    client.force_login(org.admin)
    response = client.post(
        f"/palveluhakemisto/{world.site.pk}/oikeudet/", {"user": org.admin.pk}, follow=True
    )
    assert "Et voi antaa muokkausoikeutta itsellesi" in response.content.decode()
    assert not SiteEntryEditor.objects.exists()


def test_a_colleague_cannot_grant_even_with_the_right(client, world, org, granted):
    sami = member(Role.SUPERVISOR, world.provider, username="sami2")
    client.force_login(world.pekka)
    url = f"/palveluhakemisto/{world.site.pk}/oikeudet/"
    assert client.post(url, {"user": sami.pk}).status_code == 404
    assert not SiteEntryEditor.objects.filter(user=sami).exists()


def test_only_a_member_of_the_provider_can_be_granted(client, world, org):
    client.force_login(org.admin)
    response = client.post(
        f"/palveluhakemisto/{world.site.pk}/oikeudet/", {"user": world.otto.pk}, follow=True
    )
    assert "vain palveluntuottajan Työpajat työntekijälle" in response.content.decode()
    assert not SiteEntryEditor.objects.exists()


def test_a_colleague_who_leaves_the_provider_loses_the_right(client, world, granted):
    Membership.objects.filter(user=world.pekka).delete()
    client.force_login(world.pekka)
    assert client.get(f"/palveluhakemisto/{world.site.pk}/muokkaa/").status_code == 404


def test_grants_and_revokes_are_kept_with_who_made_them(client, world, org):
    client.force_login(org.admin)
    client.post(f"/palveluhakemisto/{world.site.pk}/oikeudet/", {"user": world.pekka.pk})
    client.post(f"/palveluhakemisto/{world.site.pk}/oikeudet/{world.pekka.pk}/peru/")
    from accounts.models import SiteEntryEditorEvent

    events = SiteEntryEditorEvent.objects.order_by("pgh_id").select_related("pgh_context")
    assert [(e.pgh_label, e.user_id, e.pgh_context.metadata["user"]) for e in events] == [
        ("grant", world.pekka.pk, org.admin.pk),
        ("revoke", world.pekka.pk, org.admin.pk),
    ]


# --- editing the entry ----------------------------------------------------------------


def test_colleague_edits_only_the_granted_site(client, world, org, granted):
    client.force_login(world.pekka)
    response = client.post(f"/palveluhakemisto/{world.site.pk}/muokkaa/", ENTRY)
    assert response.status_code == 302
    world.site.refresh_from_db()
    assert world.site.kinds_of_work == ["puutyö", "veneet"]
    assert (world.site.capacity, world.site.languages) == (14, ["fi", "sv"])
    assert client.get(f"/palveluhakemisto/{org.kampus.pk}/muokkaa/").status_code == 404
    assert client.post(f"/palveluhakemisto/{org.kampus.pk}/muokkaa/", ENTRY).status_code == 404
    org.kampus.refresh_from_db()
    assert org.kampus.capacity == 10


def test_provider_admin_edits_every_own_site_without_a_grant(client, world, org):
    client.force_login(org.admin)
    assert client.get(f"/palveluhakemisto/{org.kampus.pk}/muokkaa/").status_code == 200
    assert client.get(f"/palveluhakemisto/{world.other_site.pk}/muokkaa/").status_code == 404


@pytest.mark.parametrize("persona", ["pekka", "otto", "alice", "tero", "kaisa", "paula", "tuula"])
def test_others_get_404_on_the_edit_page(client, world, org, persona):
    client.force_login(getattr(world, persona))
    assert client.get(f"/palveluhakemisto/{world.site.pk}/muokkaa/").status_code == 404
    assert client.post(f"/palveluhakemisto/{world.site.pk}/muokkaa/", ENTRY).status_code == 404


def test_saved_entry_is_found_by_the_directory_search(client, world, granted):
    site_reindex([world.site])
    client.force_login(world.pekka)
    client.post(f"/palveluhakemisto/{world.site.pk}/muokkaa/", ENTRY)
    client.force_login(world.alice)
    found = client.get("/palveluhakemisto/", {"q": "veneitä"}).context["page"]
    assert [site.name for site in found] == ["Pajuluoma"]


def test_edit_page_shows_when_and_by_whom(client, world, granted):
    client.force_login(world.pekka)
    client.post(f"/palveluhakemisto/{world.site.pk}/muokkaa/", ENTRY)
    page = client.get(f"/palveluhakemisto/{world.site.pk}/muokkaa/").content.decode()
    today = timezone.localdate()
    assert f"{today:%-d.%-m.%Y}, {world.pekka.get_full_name()}" in page


def test_changes_go_into_the_change_history(client, world, granted):
    client.force_login(world.pekka)
    client.post(f"/palveluhakemisto/{world.site.pk}/muokkaa/", ENTRY)
    event = SiteEvent.objects.filter(pgh_obj_id=world.site.pk).latest("pgh_id")
    assert event.description == ENTRY["description"]
    assert event.pgh_context.metadata["user"] == world.pekka.pk


def test_bad_capacity_is_refused_naming_the_rule(client, world, granted):
    client.force_login(world.pekka)
    response = client.post(
        f"/palveluhakemisto/{world.site.pk}/muokkaa/", {**ENTRY, "capacity": "0"}
    )
    assert "Asiakaspaikkoja on oltava vähintään yksi." in response.content.decode()
    world.site.refresh_from_db()
    assert (world.site.capacity, world.site.description, world.site.entry_updated_at) == (
        10,
        "",
        None,
    )


def test_too_long_description_names_the_limit(client, world, granted):
    client.force_login(world.pekka)
    response = client.post(
        f"/palveluhakemisto/{world.site.pk}/muokkaa/", {**ENTRY, "description": "x" * 4001}
    )
    assert response.status_code == 200 and "4000" in response.content.decode().replace("\xa0", "")
    world.site.refresh_from_db()
    assert world.site.description == ""


# --- closure days ---------------------------------------------------------------------


def test_colleague_announces_and_withdraws_a_closure_day(client, world, granted):
    day = timezone.localdate() + datetime.timedelta(days=10)
    client.force_login(world.pekka)
    client.post(
        f"/palveluhakemisto/{world.site.pk}/sulkupaivat/",
        {"day": day.isoformat(), "reason": "Koulutuspäivä"},
    )
    assert no_service_days(world.site, day, day) == {day: "Koulutuspäivä"}
    page = client.get(f"/palveluhakemisto/{world.site.pk}/").content.decode()
    assert "Koulutuspäivä" in page
    closure = SiteClosure.objects.get(site=world.site)
    client.post(f"/palveluhakemisto/{world.site.pk}/sulkupaivat/{closure.pk}/poista/")
    assert not SiteClosure.objects.exists()


def test_a_past_closure_day_is_refused(client, world, granted):
    day = timezone.localdate() - datetime.timedelta(days=1)
    client.force_login(world.pekka)
    response = client.post(
        f"/palveluhakemisto/{world.site.pk}/sulkupaivat/", {"day": day.isoformat()}, follow=True
    )
    assert "vain tälle päivälle tai tuleville päiville" in response.content.decode()
    assert not SiteClosure.objects.exists()


def test_others_cannot_touch_the_closure_days(client, world, org):
    day = timezone.localdate() + datetime.timedelta(days=3)
    closure = SiteClosure.objects.create(site=world.site, day=day, reason="Remontti")
    client.force_login(world.otto)
    base = f"/palveluhakemisto/{world.site.pk}/sulkupaivat/"
    assert client.post(base, {"day": day.isoformat()}).status_code == 404
    assert client.post(f"{base}{closure.pk}/poista/").status_code == 404
    assert SiteClosure.objects.count() == 1


# --- the directory: flags, links and the cost of the rights ---------------------------


def test_entry_not_updated_for_6_months_is_flagged(client, world, granted):
    client.force_login(world.pekka)
    client.post(f"/palveluhakemisto/{world.site.pk}/muokkaa/", ENTRY)
    now = timezone.now()

    def directory_on(moment) -> str:
        with time_machine.travel(moment, tick=False):
            client.force_login(world.alice)  # the session would have ended meanwhile
            response = client.get("/palveluhakemisto/", {"municipality": world.seinajoki.pk})
            assert response.status_code == 200
            return response.content.decode()

    assert "Tiedot päivitetty yli 6 kk sitten" not in directory_on(
        now + datetime.timedelta(days=150)
    )
    assert "Tiedot päivitetty yli 6 kk sitten" in directory_on(now + datetime.timedelta(days=186))


def test_an_entry_never_updated_says_so(client, world):
    client.force_login(world.alice)
    page = client.get("/palveluhakemisto/").content.decode()
    assert "Tietojen päivityspäivä ei tiedossa" in page


def test_directory_links_to_editing_only_where_granted(client, world, org, granted):
    client.force_login(world.pekka)
    page = client.get("/palveluhakemisto/").content.decode()
    assert f"/palveluhakemisto/{world.site.pk}/muokkaa/" in page
    assert f"/palveluhakemisto/{org.kampus.pk}/muokkaa/" not in page


def _sites_of_provider(world, count: int) -> list[Site]:
    made = SiteFactory.create_batch(count, organization=world.provider)
    for site in made[::2]:
        SiteEntryEditor.objects.create(
            user=world.pekka,
            content_object=site,
            permission_id=SiteEntryEditor._meta.get_field("permission")
            .related_model.objects.get(codename="change_site_entry")
            .pk,
        )
    return made


def test_rights_of_a_list_cost_the_same_queries_at_any_size(world):
    few, many = _sites_of_provider(world, 2), _sites_of_provider(world, 20)
    entry_editable(world.pekka, few)  # the memberships and content type, as in a request
    with CaptureQueriesContext(connection) as two:
        editable_few = entry_editable(world.pekka, few)
    with CaptureQueriesContext(connection) as twenty:
        editable_many = entry_editable(world.pekka, many)
    assert len(two) == len(twenty) == 1  # guardian's checker, the user's grants prefetched
    assert editable_few == {few[0].pk}
    assert editable_many == {site.pk for site in many[::2]}


def test_directory_runs_constant_queries_for_a_colleague(client, world, granted):
    client.force_login(world.pekka)
    _sites_of_provider(world, 2)
    with CaptureQueriesContext(connection) as few:
        client.get("/palveluhakemisto/")
    _sites_of_provider(world, 15)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/palveluhakemisto/")
    assert len(many) == len(few)
    assert len(page.context["editable"]) == 1 + 8 + 1  # Pajuluoma and every other one


# --- API: PATCH /api/v1/sites/{id}/ -----------------------------------------------------


def test_api_patch_by_a_granted_colleague(world, granted):
    response = api_for(world.pekka).patch(
        f"/api/v1/sites/{world.site.pk}/",
        {"description": "Uusi kuvaus", "kinds_of_work": ["puutyö", "maalaus"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["kinds_of_work"] == ["puutyö", "maalaus"]
    assert response.json()["entry_updated_by"] == world.pekka.pk
    world.site.refresh_from_db()
    assert world.site.description == "Uusi kuvaus"


@pytest.mark.parametrize("persona", ["pekka", "otto", "alice", "tero", "kaisa", "paula", "tuula"])
def test_api_patch_without_the_right_is_404(world, org, persona):
    response = api_for(getattr(world, persona)).patch(
        f"/api/v1/sites/{world.site.pk}/", {"description": "x"}, format="json"
    )
    assert response.status_code == 404
    world.site.refresh_from_db()
    assert world.site.description == ""


def test_api_patch_refuses_fields_outside_the_entry(world, granted):
    response = api_for(world.pekka).patch(
        f"/api/v1/sites/{world.site.pk}/", {"name": "Toinen", "capacity": 0}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"name"}
    world.site.refresh_from_db()
    assert world.site.name == "Pajuluoma"


def test_api_patch_capacity_rule(world, granted):
    response = api_for(world.pekka).patch(
        f"/api/v1/sites/{world.site.pk}/", {"capacity": 0}, format="json"
    )
    assert response.status_code == 400
    assert "Asiakaspaikkoja on oltava vähintään yksi." in str(response.json())


def test_api_put_is_not_offered(world, granted):
    response = api_for(world.pekka).put(
        f"/api/v1/sites/{world.site.pk}/", {"description": "x"}, format="json"
    )
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("code", "heading", "flag"),
    [
        ("fi", "Hakemistotiedot: Pajuluoma", "Tietojen päivityspäivä ei tiedossa"),
        ("sv", "Kataloguppgifter: Pajuluoma", "Uppgifternas uppdateringsdag okänd"),
        ("en", "Directory entry: Pajuluoma", "Last update of the entry unknown"),
    ],
)
def test_the_edit_page_speaks_the_users_language(client, world, granted, code, heading, flag):
    client.force_login(world.pekka)
    client.post("/i18n/setlang/", {"language": code, "next": "/"})
    page = client.get(f"/palveluhakemisto/{world.site.pk}/muokkaa/").content.decode()
    assert heading in page and flag in page

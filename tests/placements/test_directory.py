"""The service directory ("the Google of services"): inflected Finnish and Swedish."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import site_reindex
from tests.factories import SiteFactory, api_for


@pytest.fixture
def sites(world):
    made = [
        SiteFactory(
            name="Pajuluoman paja",
            description="Teemme puutöitä ja korjauksia.",
            kinds_of_work=["huonekalut"],
            municipality=world.seinajoki,
        ),
        SiteFactory(
            name="Toivo",
            description="Små snickerier och återvinning.",
            kinds_of_work=["kierrätys"],
            languages=["fi", "sv"],
            municipality=world.lapua,
        ),
        SiteFactory(
            name="Keittiö",
            description="Lounasravintola Seinäjoella.",
            kinds_of_work=["keittiötyö"],
            municipality=world.seinajoki,
        ),
    ]
    site_reindex(made)
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("puutyö", {"Pajuluoman paja"}),  # finds "puutöitä": consonant gradation
        ("snickeri", {"Toivo"}),  # finds "snickerier"
        ("Seinäjoki keittiö", {"Keittiö"}),  # finds "Seinäjoella"
        ("puut", {"Pajuluoman paja"}),  # prefix, as the user types
        ("avaruustutkimus", set()),
    ],
)
def test_search_understands_inflection(client, world, sites, query, expected):
    client.force_login(world.pekka)
    page = client.get("/palveluhakemisto/", {"q": query})
    assert {site.name for site in page.context["page"]} == expected


def test_api_search_with_q(world, sites):
    names = [
        row["name"]
        for row in api_for(world.tero).get("/api/v1/sites/?q=puutöitä").json()["results"]
    ]
    assert names == ["Pajuluoman paja"]


def test_filters_language_and_free_places(client, world, sites):
    client.force_login(world.kaisa)
    page = client.get("/palveluhakemisto/", {"language": "sv", "free_places": "on"})
    assert [site.name for site in page.context["page"]] == ["Toivo"]


def test_typing_gets_just_the_results(client, world, sites):
    client.force_login(world.alice)
    response = client.get("/palveluhakemisto/", {"q": "puu"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Pajuluoman paja" in html and "<html" not in html


def test_directory_runs_constant_queries(client, world, sites):
    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as few:
        client.get("/palveluhakemisto/")
    site_reindex(SiteFactory.create_batch(12))
    with CaptureQueriesContext(connection) as many:
        client.get("/palveluhakemisto/")
    assert len(many) == len(few)


def test_free_places_count_only_todays_live_placements(client, world):
    """A site is full when today's placements on live decisions fill its places; a
    placement that ended yesterday, starts tomorrow or whose decision was replaced holds
    no place."""
    import datetime

    from django.utils import timezone

    from decisions.models import Decision
    from placements.models import Placement
    from tests.placements.test_attendance import place

    today = timezone.localdate()
    full = SiteFactory(name="Täysi", capacity=1, municipality=world.seinajoki)
    over = SiteFactory(name="Ylitäysi", capacity=1, municipality=world.seinajoki)
    one_free = SiteFactory(name="Yksi vapaa", capacity=2, municipality=world.seinajoki)
    empty = SiteFactory(name="Tyhjä", capacity=1, municipality=world.seinajoki)
    place(world, site=full)
    place(world, site=over)
    place(world, site=over)  # more placed than its places (capacity lowered, say)
    place(world, site=one_free)
    ended = place(world, site=empty)
    Placement.objects.filter(pk=ended.pk).update(end_on=today - datetime.timedelta(days=1))
    later = place(world, site=empty)
    Placement.objects.filter(pk=later.pk).update(start_on=today + datetime.timedelta(days=1))
    replaced = place(world, site=empty)
    Decision.objects.filter(pk=replaced.decision_id).update(status="replaced")
    site_reindex([full, over, one_free, empty])
    client.force_login(world.alice)
    mine = {"Täysi", "Ylitäysi", "Yksi vapaa", "Tyhjä"}
    page = client.get("/palveluhakemisto/", {"free_places": "on"}).context["page"]
    shown = {site.name: site.free for site in page if site.name in mine}
    assert shown == {"Yksi vapaa": 1, "Tyhjä": 1}
    everything = client.get("/palveluhakemisto/").context["page"]
    shown_all = {site.name: site.free for site in everything}
    assert shown_all["Täysi"] == shown_all["Ylitäysi"] == 0


@pytest.mark.parametrize(
    ("language", "heading", "shown"),
    [
        ("fi", "Toimintakielet", "suomi, ruotsi"),
        ("sv", "Verksamhetsspråk", "finska, svenska"),
        ("en", "Languages", "Finnish, Swedish"),
    ],
)
def test_site_page_names_the_sites_own_languages_in_words(
    client, world, sites, language, heading, shown
):
    client.cookies["kuty_language"] = language
    client.force_login(world.alice)
    page = client.get(f"/palveluhakemisto/{sites[1].pk}/").content.decode()
    assert f"<dt>{heading}</dt><dd>{shown}</dd>" in page
    assert "{&#x27;bidi&#x27;" not in page and "{'bidi'" not in page
    assert '<option value="sv" lang="sv"' in page and ">Svenska</option>" in page  # the switch

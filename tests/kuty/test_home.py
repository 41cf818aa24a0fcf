import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SiteFactory


def test_anonymous_user_is_sent_to_the_finnish_login_page(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/kirjaudu/")
    page = client.get(response["Location"])
    assert "Kirjaudu sisään" in page.content.decode()
    assert 'lang="fi"' in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "heading"),
    [
        ("alice", "Omat asiakkuudet"),
        ("pekka", "Päivän läsnäolot"),
        ("tero", "Allekirjoitusta odottavat suunnitelmat"),
        ("kaisa", "Työtoimintapaikat kunnittain"),
        ("paula", "Organisaatiot ja käyttäjät"),
    ],
)
def test_each_role_sees_its_first_task(client, world, persona, heading):
    client.force_login(getattr(world, persona))
    page = client.get("/").content.decode()
    assert heading in page


def test_supervisor_sees_only_own_sites(client, world):
    client.force_login(world.pekka)
    page = client.get("/").content.decode()
    assert "Pajuluoma" in page
    assert "Toivo" not in page


def test_social_worker_does_not_see_other_roles_panels(client, world):
    client.force_login(world.alice)
    page = client.get("/").content.decode()
    assert "Päivän läsnäolot" not in page
    assert "Työtoimintapaikat kunnittain" not in page


def test_home_refuses_post(client, world):
    client.force_login(world.alice)
    assert client.post("/").status_code == 405


def test_coordinator_report_runs_constant_queries(client, world):
    client.force_login(world.kaisa)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    SiteFactory.create_batch(20)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert len(many) == len(few)
    assert page.count('<th scope="row">') >= 20


def test_coordinator_report_sums_places_per_municipality(client, world):
    SiteFactory(municipality=world.seinajoki, capacity=5)
    client.force_login(world.kaisa)
    rows = client.get("/").context["capacity_by_municipality"]
    seinajoki = next(row for row in rows if row["municipality__name"] == "Seinäjoki")
    assert (seinajoki["sites"], seinajoki["places"]) == (2, 15)


def test_finnish_is_the_default_whatever_the_browser_asks(client, db):
    page = client.get("/kirjaudu/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="fi"' in page.content.decode()
    assert "Kirjaudu sisään" in page.content.decode()


@pytest.mark.parametrize(("code", "heading"), [("sv", "Logga in"), ("en", "Log in")])
def test_chosen_language_is_used(client, db, code, heading):
    client.post("/i18n/setlang/", {"language": code, "next": "/kirjaudu/"})
    page = client.get("/kirjaudu/").content.decode()
    assert f'lang="{code}"' in page
    assert heading in page

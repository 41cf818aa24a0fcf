"""The service directory and PTV (Open API v11, recorded/ptv/README.md): a provider's
PTV service location imported into the directory with its link and update time, the
provider's own edit kept and reported against PTV by the nightly comparison (run by a
real Celery worker), the entry exported in the same format; PTV's errors, timeouts and
pages answered twice create nothing twice and overwrite nothing."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Site
from accounts.services import site_entry_update
from national import ptv
from national.models import PtvLink
from tests.followup.test_reminder_worker import celery_worker, wait_for
from tests.national.conftest import recorded, replay_server, texts, tree

pytestmark = pytest.mark.django_db

ORG = "0d4a3e2f-5b6c-4d7e-8f90-a1b2c3d4e5f6"
CHANNEL = "6b1a8e50-0c2d-4f3e-9a51-1f2d3c4b5a60"
PAGE = f"GET /api/v11/ServiceChannel/organization/{ORG}"


def channel() -> dict:
    return recorded("ptv/channels_page.json")["itemList"][0]


@pytest.fixture
def imported(world, settings, tmp_path):
    script = {PAGE: [{"status": 200, "json": recorded("ptv/channels_page.json")}]}
    with replay_server(tmp_path, script) as server:
        settings.PTV_URL = server.url
        assert ptv.import_channels(world.provider, ptv.organization_channels(ORG)) == (1, 0)
    return Site.objects.get(ptv_link__ptv_id=CHANNEL)


def test_a_ptv_location_becomes_the_providers_entry_with_link_and_update_time(world, imported):
    site = imported
    assert (site.organization, site.name, site.street_address) == (
        world.provider, "Työpaja Kehräämö", "Kehräämöntie 3",
    )  # fmt: skip
    assert (site.postal_code, site.post_office, site.municipality) == (
        "60100", "Seinäjoki", world.seinajoki,
    )  # fmt: skip
    assert (site.contact_phone, site.contact_email) == ("+358401234567", "kehraamo@example.fi")
    link = site.ptv_link
    assert link.url.endswith(f"/api/v11/ServiceChannel/{CHANNEL}")
    assert link.ptv_modified == datetime.datetime(2026, 9, 14, 8, 30, tzinfo=datetime.UTC)
    assert link.services == [
        {"id": "8c7b6a59-4d3e-2f1a-0b9c-8d7e6f5a4b3c", "name": "Kuntouttava työtoiminta"}
    ]
    assert link.differences == []


def test_importing_again_or_a_page_answered_twice_creates_nothing_twice(
    world, imported, settings, tmp_path
):
    page = recorded("ptv/channels_page.json")
    twice = {**page, "pageCount": 2, "itemList": page["itemList"] * 2}
    with replay_server(tmp_path, {PAGE: [{"status": 200, "json": twice}]}) as server:
        settings.PTV_URL = server.url
        channels = ptv.organization_channels(ORG)
        assert len(server.requests(PAGE)) == 2
    assert len(channels) == 1
    assert ptv.import_channels(world.provider, channels) == (0, 1)
    assert Site.objects.filter(name="Työpaja Kehräämö").count() == 1


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_provider_edit_is_kept_and_the_nightly_worker_reports_the_difference(
    world, imported, settings, tmp_path, monkeypatch, client
):
    site_entry_update(actor=world.paula, site=imported, changes={"contact_phone": "06 123 4567"})
    script = {f"GET /api/v11/ServiceChannel/{CHANNEL}": [{"status": 200, "json": channel()}]}
    with replay_server(tmp_path, script) as server:
        monkeypatch.setenv("PTV_URL", server.url)
        with celery_worker(tmp_path) as run:
            from national.tasks import compare_ptv

            compare_ptv.apply_async(queue=run.queue)
            wait_for(
                lambda: PtvLink.objects.get(site=imported).checked_at is not None,
                what="the worker to compare the entry with PTV",
            )
    imported.refresh_from_db()
    assert imported.contact_phone == "06 123 4567"  # the provider's edit stays
    client.force_login(world.pekka)
    page = tree(client.get(reverse("national:site_ptv", args=[imported.pk])))
    cells = texts(page, "//table[@id='ptv-differences']/tbody/tr/*")
    assert cells == ["yhteyshenkilön puhelin", "+358401234567", "06 123 4567"]


def test_ptv_errors_and_timeouts_overwrite_nothing(world, imported, settings, tmp_path):
    PtvLink.objects.filter(site=imported).update(differences=[{"field": "name"}])
    answers = [{"status": 502, "json": {}}, {"status": 200, "delay": 3, "json": channel()}]
    script = {f"GET /api/v11/ServiceChannel/{CHANNEL}": answers}
    settings.PTV_TIMEOUT = 1
    with replay_server(tmp_path, script) as server:
        settings.PTV_URL = server.url
        assert ptv.compare_all() == (0, 1)
        link = PtvLink.objects.get(site=imported)
        assert "HTTP 502" in link.last_error and link.differences == [{"field": "name"}]
        assert ptv.compare_all() == (0, 1)
        assert "Timeout" in PtvLink.objects.get(site=imported).last_error
    imported.refresh_from_db()
    assert imported.name == "Työpaja Kehräämö"


def test_the_entry_exports_in_ptv_format(world, imported, client):
    site_entry_update(actor=world.paula, site=imported, changes={"description": "Puutöitä."})
    client.force_login(world.alice)
    response = client.get(reverse("national:site_ptv_export", args=[imported.pk]))
    data = json.loads(response.content)
    assert data["id"] == CHANNEL and data["organizationId"] == ORG
    assert data["serviceChannelType"] == "ServiceLocation"
    assert data["serviceChannelNames"] == [
        {"type": "Name", "language": "fi", "value": "Työpaja Kehräämö"}
    ]
    assert data["serviceChannelDescriptions"][0]["value"] == "Puutöitä."
    street = data["addresses"][0]["streetAddress"]
    assert (street["street"][0]["value"], street["streetNumber"]) == ("Kehräämöntie", "3")
    assert street["municipality"] == {"code": "743"}
    imported.refresh_from_db()
    assert data["modified"].startswith(imported.entry_updated_at.date().isoformat())
    assert ptv.channel_fields(data)["description"] == "Puutöitä."  # reads back


def test_wrong_method_and_anonymous(world, imported):
    anonymous = Client()
    for name in ("national:site_ptv", "national:site_ptv_export"):
        url = reverse(name, args=[imported.pk])
        assert anonymous.get(url).status_code == 302
        signed = Client()
        signed.force_login(world.olli)
        assert signed.post(url).status_code == 405

"""Access log (käyttöloki) and disclosure log (luovutusloki): written, and append-only."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.access import access_log
from clients.models import AccessLog, DisclosureLog
from tests.factories import ConsentFactory, UserFactory, api_for


def test_viewing_a_case_writes_the_access_log(client, world):
    client.force_login(world.alice)
    client.get(f"/asiakkuudet/{world.case.pk}/")
    row = AccessLog.objects.get(client=world.case.client, action="view")
    assert row.user == world.alice
    assert row.what == f"asiakkuuden tiedot (asiakkuus {world.case.pk})"
    assert row.ip_address == "127.0.0.1"


def test_listing_logs_every_listed_client(client, world):
    client.force_login(world.alice)
    client.get("/asiakkuudet/")
    assert AccessLog.objects.filter(client=world.case.client, action="list").exists()
    assert not AccessLog.objects.filter(client=world.other_case.client).exists()


def test_officer_reading_a_shared_case_is_a_disclosure(client, world):
    consent = ConsentFactory(client=world.case.client, organization=world.te_office)
    client.force_login(world.tero)
    client.get(f"/asiakkuudet/{world.case.pk}/")
    disclosure = DisclosureLog.objects.get(client=world.case.client)
    assert disclosure.recipient == world.te_office
    assert disclosure.consent == consent


@pytest.mark.parametrize("model", [AccessLog, DisclosureLog])
def test_the_application_cannot_change_or_delete_log_rows(client, world, model):
    ConsentFactory(client=world.case.client, organization=world.te_office)
    client.force_login(world.tero)
    client.get(f"/asiakkuudet/{world.case.pk}/")
    assert model.objects.exists()
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.update(at=timezone.now())
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table}")
    assert model.objects.exists()


def test_hetu_is_never_in_the_access_log(client, world):
    client.force_login(world.alice)
    client.post("/asiakkuudet/haku/", {"q": world.case.client.hetu})
    client.get("/asiakkuudet/")
    client.get(f"/asiakkuudet/{world.case.pk}/")
    hetu = world.case.client.hetu
    assert not AccessLog.objects.filter(what__contains=hetu).exists()
    assert not AccessLog.objects.filter(what__contains=hetu[:6]).exists()


def test_officer_reading_a_plan_page_is_a_disclosure(client, world, plan):
    client.force_login(world.tero)
    client.get(f"/asiakkuudet/{plan.case_id}/suunnitelmat/{plan.pk}/")
    assert DisclosureLog.objects.filter(client=plan.case.client, recipient=world.te_office).exists()


def test_officer_api_read_is_a_disclosure_and_hides_contacts(world, shared_case):
    shared_case.client.phone = "+358 40 999"
    shared_case.client.save()
    data = api_for(world.tero).get(f"/api/v1/clients/{shared_case.client_id}/").json()
    assert data["phone"] == ""
    assert DisclosureLog.objects.filter(client=shared_case.client).exists()


@pytest.mark.django_db(transaction=True)
def test_logging_an_empty_list_asks_the_database_nothing():
    user = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        access_log(user=user, clients=[], action="list", what="etusivu")
    assert len(queries) == 0  # not even an empty transaction

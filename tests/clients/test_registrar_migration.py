"""The migration that splits client rows by registrar, run on data made before it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("clients", "0004_client_registrar"), ("accounts", "0004_site_search_documents")]
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("as_owner")]


def test_a_client_of_two_organisers_becomes_two_records_and_outside_grants_end():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organization = apps.get_model("accounts", "Organization")
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "Membership")
    Client = apps.get_model("clients", "Client")
    Case = apps.get_model("clients", "Case")
    CaseGrant = apps.get_model("clients", "CaseGrant")
    first = Organization.objects.create(name="Eka", kind="municipality", municipality_code="001")
    second = Organization.objects.create(name="Toka", kind="municipality", municipality_code="002")
    worker = User.objects.create(username="w1")
    other = User.objects.create(username="w2")
    Membership.objects.create(user=worker, organization=first, role="social_worker")
    Membership.objects.create(user=other, organization=second, role="social_worker")
    person = Client.objects.create(
        hetu="131052-308T", first_names="A", last_name="B", home_municipality=first
    )
    old = Case.objects.create(
        client=person,
        municipality=first,
        responsible_worker=worker,
        opened_on="2024-01-01",
        closed_on="2024-06-01",
        phase="closed",
    )
    new = Case.objects.create(
        client=person, municipality=second, responsible_worker=other, opened_on="2025-01-01"
    )
    grant = CaseGrant.objects.create(
        case=old,
        user=other,
        reason="x",
        starts_on="2024-01-01",
        ends_on="2099-12-31",
        granted_by=worker,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    apps = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    Case = apps.get_model("clients", "Case")
    CaseGrant = apps.get_model("clients", "CaseGrant")
    old, new = Case.objects.get(pk=old.pk), Case.objects.get(pk=new.pk)
    assert old.client.registrar_id == first.pk and new.client.registrar_id == second.pk
    assert old.client_id != new.client_id and new.client.hetu == "131052-308T"
    grant = CaseGrant.objects.get(pk=grant.pk)
    assert grant.revoked_at is not None
    assert (grant.ends_on - grant.starts_on).days <= 366

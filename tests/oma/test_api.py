"""The client's acts as API operations with the client's token (issue 24)."""

import pytest

from clients.models import AccessLog
from plans.models import PlanType
from plans.services import activation_plan_create
from tests.plans.conftest import COMPLETE

from .conftest import LEO, MAIJA, access_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(oidc, maija):
    return access_token(oidc, MAIJA)


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_client_lists_their_consents_with_their_token(client, world, shared_case, token):
    answer = client.get("/api/v1/oma/consents/", **bearer(token))
    assert answer.status_code == 200
    assert [c["organization"] for c in answer.json()] == ["Työllisyysalue"]
    row = AccessLog.objects.order_by("-pk").first()
    assert (row.user.client_account.hetu, row.what) == (MAIJA, "omat suostumukset")


def test_client_signs_their_plan_with_their_token(client, world, shared_case, token):
    plan = activation_plan_create(
        user=world.alice, case=shared_case, plan_type=PlanType.objects.first(), **COMPLETE
    )
    answer = client.post(f"/api/v1/oma/plans/{plan.pk}/sign/", **bearer(token))
    assert answer.status_code == 201
    assert answer.json()["party"] == "client"
    signature = plan.signatures.get()
    assert signature.own_signature.identification.token_id.startswith("sha256:")
    again = client.post(f"/api/v1/oma/plans/{plan.pk}/sign/", **bearer(token))
    assert again.status_code == 400
    assert "Tämä osapuoli on jo allekirjoittanut." in str(again.json())


def test_client_withdraws_a_consent_with_their_token(client, world, shared_case, token):
    consent = shared_case.client.consents.get()
    answer = client.post(f"/api/v1/oma/consents/{consent.pk}/withdraw/", **bearer(token))
    assert answer.status_code == 200
    assert answer.json()["in_force"] is False


def test_another_clients_ids_are_404_with_the_token(client, world, oidc, maija):
    other_plan = activation_plan_create(
        user=world.olli, case=world.other_case, plan_type=PlanType.objects.first()
    )
    token = access_token(oidc, LEO)
    maija_plan = activation_plan_create(
        user=world.alice, case=world.case, plan_type=PlanType.objects.first()
    )
    assert client.get(f"/api/v1/oma/plans/{other_plan.pk}/", **bearer(token)).status_code == 200
    assert client.get(f"/api/v1/oma/plans/{maija_plan.pk}/", **bearer(token)).status_code == 404


def test_a_made_up_token_is_refused(client, oidc, maija):
    answer = client.get("/api/v1/oma/consents/", **bearer("not-a-token"))
    assert answer.status_code == 401


def test_the_clients_token_opens_no_staff_api(client, world, token):
    answer = client.get("/api/v1/cases/", **bearer(token))
    assert answer.status_code in (401, 404)


def test_the_access_log_names_the_client_themselves(client, world, shared_case, token):
    client.get("/api/v1/oma/consents/", **bearer(token))
    rows = client.get("/api/v1/oma/access-log/", **bearer(token)).json()
    assert rows[0]["by"] == "self"

"""The client reads their plan and signs it from the strong sign-in (issue 24)."""

import pytest

from clients.models import AccessLog
from oma.models import OwnSignature
from plans.models import PlanState, PlanType
from plans.services import activation_plan_create, activation_plan_sign
from tests.plans.conftest import COMPLETE

from .conftest import MAIJA, page, sign_in, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_plan(world, maija, shared_case):
    return activation_plan_create(
        user=world.alice, case=shared_case, plan_type=PlanType.objects.first(), **COMPLETE
    )


def test_the_front_page_reminds_of_an_unsigned_plan(client, oidc, draft_plan):
    sign_in(client, MAIJA)
    front = page(client.get("/oma/"))
    assert "Suunnitelmasi odottaa allekirjoitustasi." in texts(front, "//ul/li")


def test_client_reads_their_plan_in_plain_words(client, oidc, draft_plan):
    sign_in(client, MAIJA)
    before = AccessLog.objects.count()
    shown = page(client.get(f"/oma/suunnitelmat/{draft_plan.pk}/"))
    facts = dict(zip(texts(shown, "//dt"), texts(shown, "//dd"), strict=True))
    assert facts["Tavoitteesi ja työtoiminta"] == COMPLETE["kuty_goal"]
    assert facts["Montako päivää viikossa"] == "3"
    row = AccessLog.objects.order_by("-pk").first()
    assert AccessLog.objects.count() == before + 1
    assert (row.user.client_account.hetu, row.purpose) == (MAIJA, "asiakkaan oma asiointi")


def test_the_plan_comes_into_force_only_with_all_three_signatures(client, oidc, world, draft_plan):
    sign_in(client, MAIJA)
    response = client.post(f"/oma/suunnitelmat/{draft_plan.pk}/allekirjoita/")
    assert response.status_code == 302
    draft_plan.refresh_from_db()
    assert draft_plan.state == PlanState.DRAFT
    own = OwnSignature.objects.get()
    assert own.signature.party == "client"
    assert own.identification.account.hetu == MAIJA
    assert own.signature.signer_name == "Maija Meikäläinen"
    activation_plan_sign(
        user=world.tero, plan=draft_plan, party="employment_authority", signer_name="Tero"
    )
    activation_plan_sign(user=world.alice, plan=draft_plan, party="municipality", signer_name="A")
    draft_plan.refresh_from_db()
    assert draft_plan.state == PlanState.IN_FORCE
    shown = page(client.get(f"/oma/suunnitelmat/{draft_plan.pk}/"))
    assert "Olet allekirjoittanut tämän suunnitelman." in texts(shown, "//main//p")


def test_signing_twice_says_so_and_saves_nothing(client, oidc, draft_plan):
    sign_in(client, MAIJA)
    client.post(f"/oma/suunnitelmat/{draft_plan.pk}/allekirjoita/")
    response = client.post(f"/oma/suunnitelmat/{draft_plan.pk}/allekirjoita/", follow=True)
    assert "Tämä osapuoli on jo allekirjoittanut." in texts(page(response), "//li")
    assert OwnSignature.objects.count() == 1


def test_another_clients_plan_is_404_and_not_logged(client, oidc, world, draft_plan):
    other = activation_plan_create(
        user=world.olli, case=world.other_case, plan_type=PlanType.objects.first()
    )
    sign_in(client, MAIJA)
    before = AccessLog.objects.count()
    assert client.get(f"/oma/suunnitelmat/{other.pk}/").status_code == 404
    assert client.post(f"/oma/suunnitelmat/{other.pk}/allekirjoita/").status_code == 404
    assert AccessLog.objects.count() == before


def test_a_client_cannot_open_staff_pages_and_staff_cannot_open_oma(
    client, oidc, world, draft_plan
):
    sign_in(client, MAIJA)
    for path in ["/", "/asiakkuudet/", f"/asiakkuudet/{world.case.pk}/", "/api/v1/cases/"]:
        assert client.get(path).status_code == 404, path
    client.logout()
    client.force_login(world.alice)
    assert client.get("/oma/").status_code == 404
    assert client.get(f"/oma/suunnitelmat/{draft_plan.pk}/").status_code == 404


def test_the_client_page_wants_get_and_signing_wants_post(client, oidc, draft_plan):
    sign_in(client, MAIJA)
    assert client.post(f"/oma/suunnitelmat/{draft_plan.pk}/").status_code == 405
    assert client.get(f"/oma/suunnitelmat/{draft_plan.pk}/allekirjoita/").status_code == 405

"""The API replaces a made decision as the page does (issue 28, item 7)."""

import pytest

from clients.models import AccessLog
from decisions import services
from decisions.models import Decision, DecisionStatus
from tests.factories import api_for


def replace(user, decision):
    return api_for(user).post(f"/api/v1/decisions/{decision.pk}/replace/")


def test_the_social_worker_replaces_a_made_decision_through_the_api(world, made):
    before = AccessLog.objects.count()
    response = replace(world.alice, made)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["replaces"] == made.pk
    assert body["hours_per_day"] == "4.0"
    assert [c["name"] for c in body["coaches"]] == ["Ville Valmentaja"]
    assert AccessLog.objects.count() == before + 1  # exactly one row for one call
    draft = Decision.objects.get(pk=body["id"])
    assert draft.replaces == made and draft.status == DecisionStatus.DRAFT
    made.refresh_from_db()
    assert made.status == DecisionStatus.MADE  # replaced only when the new one is made


def test_the_page_and_the_api_give_the_same_draft(client, world, made):
    api_draft = replace(world.alice, made).json()
    Decision.objects.filter(pk=api_draft["id"]).delete()
    client.force_login(world.alice)
    client.post(f"/asiakkuudet/{made.case_id}/paatokset/{made.pk}/korvaa/")
    page_draft = Decision.objects.get(replaces=made)
    assert str(page_draft.hours_per_day) == api_draft["hours_per_day"]
    assert page_draft.reasons == api_draft["reasons"]


def test_a_draft_is_not_replaced(world, draft):
    before = Decision.objects.count()
    response = replace(world.alice, draft)
    assert response.status_code == 400
    assert response.json()["detail"] == "Luonnosta voi muokata suoraan."
    assert Decision.objects.count() == before


def test_a_decision_is_replaced_only_once(world, made):
    assert replace(world.alice, made).status_code == 201
    before = Decision.objects.count()
    response = replace(world.alice, made)
    assert response.status_code == 400
    assert response.json()["detail"] == "Päätökselle on jo tehty korvaava päätös."
    assert Decision.objects.count() == before


def test_a_replaced_decision_is_not_replaced_again(world, made):
    new = services.decision_replace(user=world.alice, decision=made)
    services.decision_make(user=world.alice, decision=new)
    made.refresh_from_db()
    assert made.status == DecisionStatus.REPLACED
    response = replace(world.alice, made)
    assert response.status_code == 400
    assert "korvaava päätös" in response.json()["detail"]


def _persona(world, name):
    if name == "maija":
        from oma.services import client_account_for

        return client_account_for(
            hetu=world.case.client.hetu, given_name="Maija", family_name="Meikäläinen"
        ).user
    if name == "hanna":
        from tests.workability.journey import every_kind

        every_kind(world)  # hanna's team holds Maija's work-ability path
    return getattr(world, name)


@pytest.mark.parametrize("persona", ["olli", "pekka", "tero", "maija", "hanna"])
def test_others_get_404_and_nothing_is_made(world, made, persona):
    user = _persona(world, persona)
    before = (Decision.objects.count(), AccessLog.objects.count())
    assert replace(user, made).status_code == 404
    assert (Decision.objects.count(), AccessLog.objects.count()) == before

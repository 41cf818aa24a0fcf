"""The client fills in their own scores before a review; the worker sees them on the
chart of the case (issue 24)."""

import pytest

from followup.models import CapacityAssessment, CapacityDomain

from .conftest import LEO, MAIJA, page, sign_in, texts

pytestmark = pytest.mark.django_db


def answers(score: str) -> dict:
    fields = {f"domain_{d.pk}": score for d in CapacityDomain.objects.filter(active=True)}
    return {"phase": "start", **fields}


def test_the_clients_own_scores_are_on_the_workers_chart(client, oidc, world, maija):
    sign_in(client, MAIJA)
    front = page(client.get("/oma/"))
    assert "Täytä oma arviosi ennen tapaamista" in texts(front, "//main//a")
    response = client.post(f"/oma/itsearvio/{world.case.pk}/", answers("6"))
    assert response["Location"] == "/oma/"
    assessment = CapacityAssessment.objects.get()
    assert assessment.recorded_by.client_account.hetu == MAIJA
    assert {s.score for s in assessment.scores.all()} == {6}
    worker = type(client)()
    worker.force_login(world.alice)
    case_page = worker.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    domains = CapacityDomain.objects.filter(active=True).count()
    assert case_page.count("<circle") == domains  # one point a domain's chart


def test_a_score_out_of_range_says_so_and_saves_nothing(client, oidc, world, maija):
    sign_in(client, MAIJA)
    response = client.post(f"/oma/itsearvio/{world.case.pk}/", answers("11"))
    assert response.status_code == 200
    assert texts(page(response), "//*[@class='errorlist']")
    assert not CapacityAssessment.objects.exists()


def test_another_persons_case_is_404(client, oidc, world, maija):
    sign_in(client, LEO)
    assert client.get(f"/oma/itsearvio/{world.case.pk}/").status_code == 404
    assert client.post(f"/oma/itsearvio/{world.case.pk}/", answers("5")).status_code == 404
    assert not CapacityAssessment.objects.exists()

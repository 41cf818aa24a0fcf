"""Follow-up: the case's life cycle, evaluations, self-assessments, reviews (issue 11)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clients import services as client_services
from clients.models import Case
from followup import services
from followup.models import CapacityAssessment, CapacityDomain, Evaluation, EvaluationForm
from plans import services as plan_services
from tests.factories import api_for

TODAY = timezone.localdate()


def phase(case) -> str:
    return Case.objects.get(pk=case.pk).phase


def scores_post(value="4") -> dict:
    form = EvaluationForm.objects.get(active=True)
    data = {f"score_{item.pk}": value for item in form.items.all()}
    return {**data, "kind": "start", "evaluated_on": TODAY.isoformat(), "author_role": "supervisor"}


def capacity_post(score="6", day=TODAY, phase="start") -> dict:
    data = {f"domain_{d.pk}": score for d in CapacityDomain.objects.filter(active=True)}
    return {**data, "assessed_on": day.isoformat(), "phase": phase}


def test_records_move_the_case_forward_and_never_back(world):
    case = world.case
    client_services.referral_record(
        user=world.alice, case=case, initiated_on=TODAY, source="kela", reasons=["life_management"]
    )
    assert phase(case) == "assessment"
    plan_services.assessment_record(
        user=world.alice, case=case, started_on=TODAY, completed_on=TODAY, summary="x"
    )
    assert phase(case) == "planning"
    plan_services.assessment_record(user=world.alice, case=case, started_on=TODAY, summary="y")
    assert phase(case) == "planning"  # an open assessment does not move it back
    moves = list(case.phase_changes.values_list("to_phase", "automatic"))
    assert moves == [("assessment", True), ("planning", True)]


def test_supervisor_evaluates_own_client_and_the_case_moves_to_follow_up(
    client, world, made, placed
):
    # the service has started: the decision is in force from today (issue 27, item 6)
    from decisions.models import Decision, DecisionStatus

    Decision.objects.filter(pk=made.pk).update(status=DecisionStatus.IN_FORCE, start_on=TODAY)
    client.force_login(world.pekka)
    response = client.post(f"/tyotoiminta/{placed.pk}/arvioinnit/uusi/", scores_post())
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.scores.count() == 6 and evaluation.form.version == 1
    assert phase(world.case) == "follow_up"


def test_supervisor_of_another_site_gets_404_everywhere(client, world, placed):
    client.force_login(world.otto)
    assert client.get(f"/tyotoiminta/{placed.pk}/arvioinnit/uusi/").status_code == 404
    assert (
        client.post(f"/tyotoiminta/{placed.pk}/itsearviot/uusi/", capacity_post()).status_code
        == 404
    )
    response = api_for(world.otto).post(
        "/api/v1/evaluations/",
        {
            "case": world.case.pk,
            "placement": placed.pk,
            "kind": "start",
            "evaluated_on": TODAY,
            "author_role": "supervisor",
            "scores": [],
        },
        format="json",
    )
    assert response.status_code == 404
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY + datetime.timedelta(days=1), "tulevaisuudessa"),
        (TODAY - datetime.timedelta(days=1), "ennen asiakkuuden alkua"),
    ],
)
def test_evaluation_dated_outside_the_case_is_refused(client, world, placed, day, message):
    client.force_login(world.pekka)
    data = {**scores_post(), "evaluated_on": day.isoformat()}
    response = client.post(f"/tyotoiminta/{placed.pk}/arvioinnit/uusi/", data)
    assert message in " ".join(response.context["form"].errors["evaluated_on"])
    assert not Evaluation.objects.exists()


def test_score_outside_0_to_10_is_refused_naming_the_domain(client, world, placed):
    client.force_login(world.pekka)
    response = client.post(f"/tyotoiminta/{placed.pk}/itsearviot/uusi/", capacity_post("11"))
    form = response.context["form"]
    assert any(
        "10" in " ".join(errors)
        for name, errors in form.errors.items()
        if name.startswith("domain_")
    )
    with pytest.raises(ValidationError, match="0–10"):
        services.capacity_assessment_record(
            user=world.alice,
            case=world.case,
            assessed_on=TODAY,
            phase="start",
            scores={d.pk: 11 for d in CapacityDomain.objects.all()},
        )
    assert not CapacityAssessment.objects.exists()


def test_two_self_assessments_are_charted_with_their_table(client, world, placed):
    client.force_login(world.pekka)
    client.post(f"/tyotoiminta/{placed.pk}/itsearviot/uusi/", capacity_post("4", phase="start"))
    client.post(f"/tyotoiminta/{placed.pk}/itsearviot/uusi/", capacity_post("7", phase="interim"))
    client.force_login(world.alice)
    page = client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    assert page.count("<svg") == 6  # one chart per domain
    assert page.count("<circle") == 12  # both assessments in each
    assert "(+3)" in page  # the change from start shown in words too
    assert "Työkyky" in page and "<table" in page


def test_api_writes_an_evaluation_for_the_supervisor(world, placed):
    form = EvaluationForm.objects.get(active=True)
    scores = [{"item": item.pk, "score": 3} for item in form.items.all()]
    response = api_for(world.pekka).post(
        "/api/v1/evaluations/",
        {
            "case": world.case.pk,
            "placement": placed.pk,
            "kind": "interim",
            "evaluated_on": TODAY,
            "author_role": "supervisor",
            "scores": scores,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["scores"][0]["score"] == 3


def test_review_with_next_date(client, world):
    client.force_login(world.alice)
    client.post(
        f"/asiakkuudet/{world.case.pk}/tarkistukset/uusi/",
        {
            "kind": "review",
            "held_on": TODAY.isoformat(),
            "participants": "Asiakas, Alice",
            "agreed": "Jatketaan",
            "next_review_on": (TODAY + datetime.timedelta(days=60)).isoformat(),
        },
    )
    review = world.case.reviews.get()
    assert review.next_review_on == TODAY + datetime.timedelta(days=60)


def test_region_admin_publishes_a_new_form_version_and_old_evaluations_keep_theirs(
    client, world, placed
):
    from accounts.models import Role
    from tests.factories import member

    old = services.evaluation_record(
        user=world.alice,
        case=world.case,
        placement=placed,
        kind="start",
        evaluated_on=TODAY,
        author_role="social_worker",
        scores={i.pk: (3, "") for i in EvaluationForm.objects.get(active=True).items.all()},
    )
    region_admin = member(Role.ADMIN, world.region, username="reija", is_staff=True)
    client.force_login(region_admin)
    new = EvaluationForm.objects.create(version=2, active=False)
    new.items.create(position=1, code="safety", name="Työturvallisuus", name_sv="S", name_en="S")
    client.post(
        "/hallinta/followup/evaluationform/",
        {"action": "take_into_use", "_selected_action": [new.pk]},
    )
    assert EvaluationForm.objects.get(active=True).version == 2
    old.refresh_from_db()
    assert old.form.version == 1 and old.scores.count() == 6
    client.force_login(world.paula)  # a municipality's administrator: not the region's forms
    assert client.get("/hallinta/followup/evaluationform/").status_code == 403

import datetime

import pytest
from django.core.exceptions import ValidationError

from clients.lifecycle import case_move
from clients.models import Case
from plans import services
from plans.models import EmploymentPlan, PlanState
from tests.factories import api_for
from tests.plans.conftest import TODAY, sign_all

EVENT = TODAY - datetime.timedelta(days=45)


def interrupt(world, plan, **changes):
    data = {
        "interruption_event": "work",
        "event_on": EVENT,
        "hearing_on": TODAY,
        "hearing_summary": "Asiakas aloitti työt.",
        "interrupted_on": TODAY,
        **changes,
    }
    return services.activation_plan_interrupt(user=world.alice, plan=plan, **data)


def test_interruption_with_hearing_a_month_after_the_event(world, plan):
    plan = interrupt(world, sign_all(world, plan))
    assert plan.state == PlanState.INTERRUPTED


def test_interruption_without_hearing_is_refused(world, plan):
    plan = sign_all(world, plan)
    with pytest.raises(ValidationError, match="kuultava"):
        interrupt(world, plan, hearing_on=None)
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_FORCE


def test_interruption_within_a_month_of_the_event_is_refused(world, plan):
    plan = sign_all(world, plan)
    with pytest.raises(ValidationError, match="aikaisintaan kuukauden"):
        interrupt(world, plan, event_on=TODAY - datetime.timedelta(days=10))
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_FORCE


def test_interruption_refusal_in_the_page(client, world, plan):
    plan = sign_all(world, plan)
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{plan.case_id}/suunnitelmat/{plan.pk}/keskeytys/",
        {
            "interruption_event": "studies",
            "event_on": EVENT.isoformat(),
            "interrupted_on": TODAY.isoformat(),
            "hearing_summary": "",
        },
    )
    assert "Asiakasta on kuultava" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_FORCE


def test_interruption_refusal_in_the_api(world, plan):
    plan = sign_all(world, plan)
    response = api_for(world.alice).post(
        f"/api/v1/activation-plans/{plan.pk}/interrupt/",
        {
            "interruption_event": "work",
            "event_on": (TODAY - datetime.timedelta(days=5)).isoformat(),
            "hearing_on": TODAY.isoformat(),
            "hearing_summary": "x",
            "interrupted_on": TODAY.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "aikaisintaan kuukauden" in str(response.json()["errors"]["interrupted_on"])


def test_decision_phase_needs_an_employment_plan(world):
    with pytest.raises(ValidationError, match="Työllistymissuunnitelma on laadittava"):
        case_move(user=world.alice, case=world.case, phase="decision", reason="Sovittu")
    assert Case.objects.get(pk=world.case.pk).phase == "need_recognised"


def test_decision_phase_refused_in_the_page_and_api(client, world):
    client.force_login(world.alice)
    client.post(f"/asiakkuudet/{world.case.pk}/vaihe/", {"phase": "decision", "reason": "x"})
    page = client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    assert "Työllistymissuunnitelma on laadittava" in page
    response = api_for(world.alice).post(
        f"/api/v1/cases/{world.case.pk}/phase/",
        {"phase": "decision", "reason": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert "Työllistymissuunnitelma" in str(response.json()["errors"]["phase"])
    assert Case.objects.get(pk=world.case.pk).phase == "need_recognised"


def test_decision_phase_after_the_employment_plan(world):
    EmploymentPlan.objects.create(
        case=world.case,
        drawn_up_on=TODAY,
        employment_authority=world.te_office,
        authority_contact="Tero",
        recorded_by=world.alice,
    )
    case_move(user=world.alice, case=world.case, phase="decision", reason="Sovittu")
    assert Case.objects.get(pk=world.case.pk).phase == "decision"
    change = world.case.phase_changes.get()
    assert (change.from_phase, change.to_phase, change.reason) == (
        "need_recognised",
        "decision",
        "Sovittu",
    )


def test_closing_is_not_a_phase_move(world):
    with pytest.raises(ValidationError, match="Päätä asiakkuus"):
        case_move(user=world.alice, case=world.case, phase="closed", reason="x")
    assert Case.objects.get(pk=world.case.pk).closed_on is None


def test_moving_by_hand_needs_a_reason(world):
    with pytest.raises(ValidationError, match="syy"):
        case_move(user=world.alice, case=world.case, phase="assessment", reason=" ")

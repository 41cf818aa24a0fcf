"""One positive decision in force per case and period; a change is a replacing decision."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from decisions import services
from decisions.models import Decision, DecisionStatus
from tests.decisions.conftest import decision_fields
from tests.factories import api_for


def test_second_positive_decision_over_one_in_force_is_refused(world, made, ready_case):
    second = services.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    with pytest.raises(ValidationError, match="korvaava päätös"):
        services.decision_make(user=world.alice, decision=second)
    second.refresh_from_db()
    assert second.status == DecisionStatus.DRAFT


def test_the_api_refuses_it_with_the_same_message(world, made, ready_case):
    second = services.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    response = api_for(world.alice).post(f"/api/v1/decisions/{second.pk}/make/")
    assert response.status_code == 400
    assert "korvaava päätös" in response.json()["detail"]


def test_replacing_decision_takes_the_place_of_the_old(world, made):
    draft = services.decision_replace(user=world.alice, decision=made)
    services.decision_make(user=world.alice, decision=draft)
    made.refresh_from_db()
    assert made.status == DecisionStatus.REPLACED
    assert Decision.objects.filter(case=made.case).live_positive().get().pk == draft.pk


def test_database_refuses_two_live_decisions_for_one_period(world, made):
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            case=made.case,
            status=DecisionStatus.MADE,
            decided_on=made.decided_on,
            decision_maker=world.alice,
            authority=world.seinajoki,
            reasons="x",
            contact_person=world.alice,
            created_by=world.alice,
            start_on=made.start_on,
            end_on=made.end_on,
        )

import pytest

from core import law
from decisions import services
from plans.models import EmploymentPlan, PlanType
from plans.services import activation_plan_create
from tests.plans.conftest import COMPLETE, TODAY, sign_all

PLAN_END = law.period_end(TODAY, COMPLETE["length_months"])


@pytest.fixture
def ready_case(world, shared_case):
    """alice's case with an employment plan and a signed activation plan in force."""
    EmploymentPlan.objects.create(
        case=shared_case,
        drawn_up_on=TODAY,
        employment_authority=world.te_office,
        authority_contact="Tero",
        recorded_by=world.alice,
    )
    plan = activation_plan_create(
        user=world.alice, case=shared_case, plan_type=PlanType.objects.first(), **COMPLETE
    )
    sign_all(world, plan)
    return shared_case


def decision_fields(world, **changes) -> dict:
    """A decision that agrees with the plan: Mon, Wed, Fri, 4 h, six months from today."""
    return {
        "site": world.site,
        "start_on": TODAY,
        "end_on": PLAN_END,
        "weekdays": [1, 3, 5],
        "hours_per_day": 4,
        "travel_compensation": "Julkisen liikenteen kuukausilippu",
        "reasons": "Aktivointisuunnitelmassa on sovittu kuntouttavasta työtoiminnasta.",
        "contact_person": world.alice,
        "contact_phone": "+358 6 416 0000",
        **changes,
    }


@pytest.fixture
def draft(world, ready_case):
    return services.decision_save_draft(
        user=world.alice,
        case=ready_case,
        coaches=[{"kind": "individual_coach", "name": "Ville Valmentaja", "hours": 10}],
        **decision_fields(world),
    )


@pytest.fixture
def made(world, draft):
    return services.decision_make(user=world.alice, decision=draft)

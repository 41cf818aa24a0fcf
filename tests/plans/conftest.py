import datetime

import pytest
from django.utils import timezone

from plans import services
from plans.models import PlanType

TODAY = timezone.localdate()

COMPLETE = {
    "education_and_work_history": "Peruskoulu, varastotyötä 2010–2015.",
    "earlier_services_effect": "Työkokeilu keskeytyi.",
    "earlier_plans_realised": "Osittain.",
    "measures": "Kuntouttava työtoiminta puutyöpajassa.",
    "kuty_goal": "Päivärytmi ja työelämätaidot, Puutyöpaja Pajuluoma.",
    "days_per_week": 3,
    "hours_per_day": 4,
    "start_on": TODAY,
    "length_months": 6,
    "support_and_guidance": "Omaohjaaja ja yksilövalmentaja.",
    "other_services": "Päihdetyön vastaanotto.",
    "assessment_due_on": TODAY + datetime.timedelta(days=150),
}


@pytest.fixture
def plan(world, shared_case):
    return services.activation_plan_create(
        user=world.alice, case=shared_case, plan_type=PlanType.objects.first(), **COMPLETE
    )


def sign_all(world, plan):
    services.activation_plan_sign(
        user=world.tero, plan=plan, party="employment_authority", signer_name="Tero"
    )
    services.activation_plan_sign(
        user=world.alice, plan=plan, party="municipality", signer_name="Alice"
    )
    services.activation_plan_sign(
        user=world.alice, plan=plan, party="client", signer_name="Maija Meikäläinen"
    )
    plan.refresh_from_db()
    return plan

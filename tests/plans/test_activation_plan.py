import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import law
from plans import services
from plans.models import ActivationPlan, PlanState, PlanType, Signature
from tests.factories import api_for
from tests.plans.conftest import COMPLETE, TODAY, sign_all


def plan_post(world, **changes) -> dict:
    data = {"plan_type": PlanType.objects.first().pk, "includes_kuty": "on", **COMPLETE}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_three_signatures_put_the_plan_in_force(world, plan):
    plan = sign_all(world, plan)
    assert plan.state == PlanState.IN_FORCE
    assert plan.end_on == law.period_end(TODAY, 6)
    assert plan.signatures.count() == 3


def test_plan_starting_later_is_signed_until_its_start(world, shared_case):
    plan = services.activation_plan_create(
        user=world.alice,
        case=shared_case,
        plan_type=PlanType.objects.first(),
        **{**COMPLETE, "start_on": TODAY + datetime.timedelta(days=10)},
    )
    assert sign_all(world, plan).state == PlanState.SIGNED
    services.plans_sweep(TODAY + datetime.timedelta(days=10))
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_FORCE


def test_plan_ends_after_its_period(world, plan):
    plan = sign_all(world, plan)
    services.plans_sweep(plan.end_on + datetime.timedelta(days=1))
    plan.refresh_from_db()
    assert plan.state == PlanState.ENDED


def test_signing_a_plan_that_lacks_an_item_is_refused(world, shared_case):
    plan = services.activation_plan_create(
        user=world.alice,
        case=shared_case,
        plan_type=PlanType.objects.first(),
        **{**COMPLETE, "support_and_guidance": ""},
    )
    with pytest.raises(ValidationError, match="4. Tuki ja ohjaus"):
        services.activation_plan_sign(
            user=world.alice, plan=plan, party="municipality", signer_name="Alice"
        )
    assert not Signature.objects.exists()


def test_signing_a_plan_without_kuty_needs_only_contents_1_to_4(world, shared_case):
    contents = {name: COMPLETE[name] for name in ActivationPlan.CONTENTS}
    plan = services.activation_plan_create(
        user=world.alice,
        case=shared_case,
        plan_type=PlanType.objects.first(),
        includes_kuty=False,
        **contents,
    )
    services.activation_plan_sign(
        user=world.alice, plan=plan, party="municipality", signer_name="Alice"
    )
    assert plan.signatures.count() == 1


def test_social_worker_cannot_sign_for_the_employment_authority(world, plan):
    with pytest.raises(ValidationError, match="Et voi kirjata osapuolen"):
        services.activation_plan_sign(
            user=world.alice, plan=plan, party="employment_authority", signer_name="Alice"
        )


def test_officer_cannot_sign_for_the_municipality(world, plan):
    with pytest.raises(ValidationError, match="Et voi kirjata osapuolen"):
        services.activation_plan_sign(
            user=world.tero, plan=plan, party="municipality", signer_name="Tero"
        )


def test_a_party_signs_only_once(world, plan):
    services.activation_plan_sign(
        user=world.alice, plan=plan, party="municipality", signer_name="Alice"
    )
    with pytest.raises(ValidationError, match="jo allekirjoittanut"):
        services.activation_plan_sign(
            user=world.alice, plan=plan, party="municipality", signer_name="Alice"
        )


def test_signed_plan_cannot_be_edited(world, plan):
    services.activation_plan_sign(
        user=world.alice, plan=plan, party="municipality", signer_name="Alice"
    )
    with pytest.raises(ValidationError, match="uusi versio"):
        services.activation_plan_update(user=world.alice, plan=plan, measures="Muutettu")


def test_renewal_makes_a_new_version_and_keeps_the_old(world, plan):
    plan = sign_all(world, plan)
    renewal = services.activation_plan_renew(user=world.alice, plan=plan)
    assert (renewal.version, renewal.previous, renewal.state) == (2, plan, PlanState.DRAFT)
    assert renewal.kuty_goal == plan.kuty_goal
    plan.refresh_from_db()
    assert plan.state == PlanState.IN_FORCE  # until the new version is signed
    sign_all(world, renewal)
    plan.refresh_from_db()
    assert plan.state == PlanState.RENEWED
    assert plan.signatures.count() == 3  # still readable as it was


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"length_months": 2}, "3–24 kuukautta"),
        ({"length_months": 25}, "3–24 kuukautta"),
        ({"days_per_week": 5}, "1–4 päivänä"),
        ({"hours_per_day": 3}, "vähintään 4 tuntia"),
    ],
)
def test_law_limits_are_refused_in_the_page(client, world, shared_case, changes, message):
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{shared_case.pk}/suunnitelmat/uusi/", plan_post(world, **changes)
    )
    page = response.content.decode()
    assert message in page
    assert "13 b §" in page
    assert not ActivationPlan.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"length_months": 2}, "length_months"),
        ({"length_months": 25}, "length_months"),
        ({"days_per_week": 5}, "days_per_week"),
        ({"hours_per_day": 3}, "hours_per_day"),
    ],
)
def test_law_limits_are_refused_in_the_api(world, shared_case, changes, field):
    data = {
        "case": shared_case.pk,
        "plan_type": PlanType.objects.first().pk,
        "includes_kuty": True,
        **COMPLETE,
        **changes,
    }
    response = api_for(world.alice).post("/api/v1/activation-plans/", data, format="json")
    assert response.status_code == 400
    assert "13 b §" in str(response.json()["errors"][field])
    assert not ActivationPlan.objects.exists()


def test_plan_is_signed_through_the_api(world, plan):
    response = api_for(world.tero).post(
        f"/api/v1/activation-plans/{plan.pk}/sign/",
        {"party": "employment_authority", "signer_name": "Tero"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["signatures"][0]["party"] == "employment_authority"


def test_api_sign_of_incomplete_plan_is_refused(world, shared_case):
    plan = services.activation_plan_create(
        user=world.alice,
        case=shared_case,
        plan_type=PlanType.objects.first(),
        **{**COMPLETE, "measures": ""},
    )
    response = api_for(world.alice).post(
        f"/api/v1/activation-plans/{plan.pk}/sign/",
        {"party": "municipality", "signer_name": "Alice"},
        format="json",
    )
    assert response.status_code == 400
    assert "4. Toimenpiteet" in str(response.json())
    assert not Signature.objects.exists()


def test_officer_signs_in_the_page(client, world, plan):
    client.force_login(world.tero)
    client.post(
        f"/asiakkuudet/{plan.case_id}/suunnitelmat/{plan.pk}/allekirjoita/",
        {"party": "employment_authority", "signer_name": "Tero T", "signed_on": TODAY.isoformat()},
    )
    assert plan.signatures.get().signer_name == "Tero T"


def test_officer_sees_plans_awaiting_signature_only_by_consent(client, world, plan):
    client.force_login(world.tero)
    page = client.get("/suunnitelmat/allekirjoitettavat/").content.decode()
    assert "Meikäläinen Maija" in page
    world.case.client.consents.update(withdrawn_at=timezone.now())
    page = client.get("/suunnitelmat/allekirjoitettavat/").content.decode()
    assert "Meikäläinen Maija" not in page


def test_signing_an_incomplete_plan_in_the_page_names_the_missing_item(client, world, shared_case):
    plan = services.activation_plan_create(
        user=world.alice,
        case=shared_case,
        plan_type=PlanType.objects.first(),
        **{**COMPLETE, "assessment_due_on": None},
    )
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{plan.case_id}/suunnitelmat/{plan.pk}/allekirjoita/",
        {"party": "municipality", "signer_name": "Alice", "signed_on": TODAY.isoformat()},
        follow=True,
    )
    assert "6. Vaikutukset arvioidaan ja jatkosta päätetään viimeistään" in (
        response.content.decode()
    )
    assert not Signature.objects.exists()


def test_officer_co_writes_the_whole_plan_with_put(world, shared_case):
    from plans.models import ActivationPlan, PlanType
    from tests.factories import api_for

    plan = ActivationPlan.objects.create(
        case=shared_case, plan_type=PlanType.objects.first(), created_by=world.alice
    )
    api = api_for(world.tero)
    data = api.get(f"/api/v1/activation-plans/{plan.pk}/").json()
    data["measures"] = "Työnhakuvalmennus"
    response = api.put(f"/api/v1/activation-plans/{plan.pk}/", data, format="json")
    assert response.status_code == 200, response.json()
    plan.refresh_from_db()
    assert plan.measures == "Työnhakuvalmennus"

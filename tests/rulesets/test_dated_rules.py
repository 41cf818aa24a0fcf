"""The law as dated data (issue 26): a plan, a decision, a week is judged by the rule set
in force on its own date, whichever side of a rule change it falls."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plans import services
from plans.models import ActivationPlan, PlanType
from rulesets import defaults
from rulesets.engine import NoRuleSet, rules_on
from rulesets.models import PlanTypeRule, RuleSet
from tests.plans.conftest import COMPLETE

CHANGE = datetime.date(2027, 3, 1)
BEFORE = CHANGE - datetime.timedelta(days=1)


@pytest.fixture
def three_days_a_week(world):
    """The region's own rule from CHANGE: at most three days a week."""
    rules = RuleSet.objects.get(pk=rules_on(None, CHANGE).pk)  # a copy, not a cached one
    rules.pk = None
    rules._state.adding = True
    rules.region = world.region
    rules.effective_from = CHANGE
    rules.name = "Alueen sääntö: enintään 3 päivää"
    rules.days_week_max = 3
    rules.save()
    for plan_type in rules_on(None, CHANGE).plan_types.all():
        plan_type.pk = None
        plan_type.rule_set = rules
        plan_type.save()
    return rules


def make_plan(world, case, *, start_on, days, plan_type=None):
    return services.activation_plan_create(
        user=world.alice,
        case=case,
        plan_type=plan_type or PlanType.objects.get(code=defaults.ACTIVATION),
        **{**COMPLETE, "start_on": start_on, "days_per_week": days},
    )


def test_rules_on_a_date_are_the_latest_set_dated_on_or_before_it(world, three_days_a_week):
    assert rules_on(world.region, BEFORE).days_week_max == 4
    assert rules_on(world.region, CHANGE) == three_days_a_week
    assert rules_on(world.lapua.parent, CHANGE).days_week_max == 3
    assert rules_on(None, CHANGE).days_week_max == 4  # the national rule is unchanged


def test_plan_dated_before_the_change_keeps_the_old_limit(world, three_days_a_week):
    plan = make_plan(world, world.case, start_on=BEFORE, days=4)
    assert ActivationPlan.objects.get(pk=plan.pk).days_per_week == 4


def test_plan_dated_on_the_change_is_judged_by_the_new_limit(world, three_days_a_week):
    with pytest.raises(ValidationError) as error:
        make_plan(world, world.case, start_on=CHANGE, days=4)
    message = error.value.message_dict["days_per_week"][0]
    assert "1–3 päivänä kalenteriviikossa" in message
    assert "13 b §" in message
    assert "Alueen sääntö: enintään 3 päivää (1.3.2027)" in message
    assert not ActivationPlan.objects.exists()


def test_moving_a_plan_back_before_the_change_makes_it_lawful_again(world, three_days_a_week):
    plan = make_plan(world, world.case, start_on=CHANGE, days=3)
    with pytest.raises(ValidationError):
        services.activation_plan_update(user=world.alice, plan=plan, days_per_week=4)
    services.activation_plan_update(user=world.alice, plan=plan, start_on=BEFORE, days_per_week=4)
    assert ActivationPlan.objects.get(pk=plan.pk).days_per_week == 4


def test_a_day_before_the_first_rule_set_has_no_rules(world):
    with pytest.raises(NoRuleSet):
        rules_on(None, datetime.date(2001, 8, 31))


def test_the_reform_of_2025_names_the_employment_authority_plan_statutes(world):
    assert "1369/2014" in rules_on(None, datetime.date(2024, 12, 31)).statutes
    after = rules_on(None, datetime.date(2025, 1, 1))
    assert "399/2023" in after.statutes
    assert {p.statute for p in after.plan_types.all()} == {"189/2001 2 § 1 (399/2023)", "381/2023"}


# --- HE 109/2025: the plan type follows the client's benefit and the date ---------------

HE_DAY = datetime.date(2027, 7, 1)


@pytest.fixture
def he_109(world):
    return defaults.ensure(RuleSet, PlanTypeRule, defaults.he_109_2025(HE_DAY))


def give(world, case, kind, start=datetime.date(2026, 1, 1), **extra):
    return services.benefit_record(user=world.alice, case=case, kind=kind, start_on=start, **extra)


def test_social_assistance_client_gets_the_activation_plan_after_he_109(world, he_109):
    give(world, world.case, "social_assistance")
    assert services.expected_plan_type(world.case, HE_DAY).code == defaults.ACTIVATION
    plan = make_plan(world, world.case, start_on=HE_DAY, days=3)
    assert plan.plan_type.code == defaults.ACTIVATION


def test_labour_market_subsidy_client_gets_the_multisector_plan_after_he_109(world, he_109):
    give(world, world.case, "labour_market_subsidy")
    assert services.expected_plan_type(world.case, HE_DAY).code == defaults.MULTISECTOR
    with pytest.raises(ValidationError) as error:
        make_plan(world, world.case, start_on=HE_DAY, days=3)
    assert "Monialainen työllistymissuunnitelma" in error.value.message_dict["plan_type"][0]
    multi = PlanType.objects.get(code=defaults.MULTISECTOR)
    plan = make_plan(world, world.case, start_on=HE_DAY, days=3, plan_type=multi)
    assert plan.plan_type == multi


def test_before_he_109_the_subsidy_client_may_still_have_an_activation_plan(world, he_109):
    give(world, world.case, "labour_market_subsidy")
    day = HE_DAY - datetime.timedelta(days=1)
    assert services.expected_plan_type(world.case, day).code == defaults.ACTIVATION
    assert make_plan(world, world.case, start_on=day, days=3).plan_type.code == defaults.ACTIVATION


def test_both_plan_types_carry_three_signatories(world, he_109):
    for plan_type in rules_on(None, HE_DAY).plan_types.all():
        assert plan_type.signatories == ["employment_authority", "municipality", "client"]


def test_earnings_related_allowance_without_a_fund_is_refused(world):
    with pytest.raises(ValidationError) as error:
        give(world, world.case, "earnings_related")
    assert "työttömyyskassa" in error.value.message_dict["fund"][0]

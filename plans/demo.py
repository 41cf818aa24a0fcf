"""Demo records for each demo case, by phase: referral, assessment, plans, signatures."""

import datetime

from django.utils import timezone

from accounts.models import Organization, User
from clients.models import AgreedAction, Case, NetworkMeeting, Phase, Referral
from rulesets.defaults import ensure, he_109_2025
from rulesets.models import PlanTypeRule, RuleSet

from .models import (
    ActivationPlan,
    Assessment,
    ClientBenefit,
    ClientPlan,
    EmploymentPlan,
    Party,
    PlanState,
    PlanType,
    Signature,
)
from .plan_types import ensure_plan_types

ORDER = list(Phase.values)


def _reached(case: Case, phase: str) -> bool:
    return ORDER.index(case.phase) >= ORDER.index(phase)


def _plan(case: Case, worker: User, state: str, start: datetime.date) -> ActivationPlan:
    plan = ActivationPlan.objects.create(
        case=case,
        plan_type=PlanType.objects.get(code="aktivointisuunnitelma"),
        state=state,
        education_and_work_history="Peruskoulu; varasto- ja siivoustöitä 2008–2016.",
        earlier_services_effect="Työkokeilu 2019 keskeytyi terveyssyistä.",
        earlier_plans_realised="Edellinen suunnitelma toteutui osittain.",
        measures="Kuntouttava työtoiminta ja terveydentilan selvitys.",
        kuty_goal="Päivärytmin ja työelämätaitojen vahvistaminen, Puutyöpaja Pajuluoma.",
        days_per_week=3,
        hours_per_day=4,
        start_on=start,
        length_months=6,
        support_and_guidance="Omaohjaaja pajalla, yksilövalmentaja kerran viikossa.",
        other_services="Terveystarkastus, talous- ja velkaneuvonta.",
        assessment_due_on=start + datetime.timedelta(days=150),
        created_by=worker,
    )
    return plan


def _sign(plan: ActivationPlan, case: Case, worker: User, te_user: User, day) -> None:
    names = {
        Party.EMPLOYMENT_AUTHORITY: (te_user.get_full_name(), te_user),
        Party.MUNICIPALITY: (worker.get_full_name(), worker),
        Party.CLIENT: (case.client.full_name, worker),
    }
    for party, (name, recorder) in names.items():
        Signature.objects.create(
            plan=plan, party=party, signer_name=name, signed_on=day, recorded_by=recorder
        )


DEMO_FUND = "Yleinen työttömyyskassa YTK"


def _benefit(case: Case, worker: User, number: int) -> None:
    """Most clients on labour-market subsidy, every fourth a fund member, every fifth on
    social assistance: the absence notices and plan types differ by it (issue 26)."""
    kind, fund = "labour_market_subsidy", ""
    if number % 4 == 1:
        kind, fund = "earnings_related", DEMO_FUND
    elif number % 5 == 2:
        kind = "social_assistance"
    ClientBenefit.objects.create(
        case=case, kind=kind, fund=fund, start_on=case.opened_on, recorded_by=worker
    )


def _demo_rule_change(today: datetime.date) -> None:
    """HE 109/2025 on an example date ahead, so the demo shows a change before it applies
    (its real date is not settled: docs/law.md)."""
    if RuleSet.objects.filter(name__startswith="HE 109/2025").exists():
        return
    spec = he_109_2025(today + datetime.timedelta(days=90))
    spec["name"] = "HE 109/2025 (esimerkkipäivä, demo)"
    ensure(RuleSet, PlanTypeRule, spec)


def seed() -> None:
    ensure_plan_types(PlanType)
    today = timezone.localdate()
    te_office = Organization.objects.get(kind=Organization.Kind.EMPLOYMENT_AUTHORITY)
    te_user = User.objects.get(username="te")
    _demo_rule_change(today)
    for number, case in enumerate(Case.objects.select_related("client", "responsible_worker")):
        if Referral.objects.filter(case=case).exists():
            continue  # seeded already
        worker = case.responsible_worker
        opened = case.opened_on
        Referral.objects.create(
            case=case,
            initiated_on=opened,
            source="te_services",
            reasons=["life_management", "working_life_rules"],
            description="Pitkäaikaistyötön, toive päivärytmistä ja työelämään paluusta.",
            recorded_by=worker,
        )
        if not _reached(case, Phase.ASSESSMENT):
            continue
        planning = _reached(case, Phase.PLANNING)
        Assessment.objects.create(
            case=case,
            started_on=opened + datetime.timedelta(days=3),
            completed_on=opened + datetime.timedelta(days=20) if planning else None,
            summary="Arvioitu yhdessä asiakkaan ja verkoston kanssa.",
            capacity_assessment="Työkyky osittain alentunut; jaksaa 4 tunnin päiviä.",
            work_ability_team_consulted=True,
            work_ability_team_statement="Suosittaa kuntouttavaa työtoimintaa 3 pv/vko.",
            conclusion="Kuntouttava työtoiminta tarkoituksenmukainen." if planning else "",
            recorded_by=worker,
        )
        if not planning:
            continue
        ClientPlan.objects.create(
            case=case,
            drawn_up_on=opened + datetime.timedelta(days=21),
            goals="Säännöllinen päivärytmi; työelämätaidot.",
            review_on=opened + datetime.timedelta(days=180),
            recorded_by=worker,
        )
        EmploymentPlan.objects.create(
            case=case,
            drawn_up_on=opened + datetime.timedelta(days=22),
            employment_authority=te_office,
            authority_contact=te_user.get_full_name(),
            recorded_by=worker,
        )
        _benefit(case, worker, number)
        start = opened + datetime.timedelta(days=28)
        if case.phase == Phase.PLANNING:
            _plan(case, worker, PlanState.DRAFT, max(start, today))
            continue
        state = {
            Phase.DECISION: PlanState.SIGNED,
            Phase.CLOSED: PlanState.ENDED,
        }.get(case.phase, PlanState.IN_FORCE)
        if case.phase == Phase.DECISION:
            start = today + datetime.timedelta(days=14)
        plan = _plan(case, worker, state, start)
        _sign(plan, case, worker, te_user, min(start, today) - datetime.timedelta(days=1))
        if case.phase == Phase.FOLLOW_UP:
            meeting = NetworkMeeting.objects.create(
                case=case,
                kind="network_meeting",
                held_on=today - datetime.timedelta(days=20),
                participants="Omatyöntekijä, omaohjaaja, asiakas",
                summary="Työtoiminta sujuu; sovittiin terveystarkastuksesta.",
                recorded_by=worker,
            )
            meeting.organizations.set([te_office])
            AgreedAction.objects.create(
                meeting=meeting,
                description="Terveystarkastuksen ajanvaraus",
                responsible_person=worker.get_full_name(),
                due_on=today - datetime.timedelta(days=5),
            )

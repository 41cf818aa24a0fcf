"""Workflows of assessment and planning: records, the activation plan and its signatures."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from clients.lifecycle import case_advance, phase_guard
from clients.models import Case, Phase
from clients.services import require_open_case
from clients.services import save_validated as _save
from core import hooks, law
from core.access import Right
from core.records import catalogue
from rulesets import engine as ruleset_engine
from rulesets.models import RuleSet

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


@hooks.changes(hooks.CASE)
def assessment_record(*, user: User, case: Case, **fields) -> Assessment:
    assessment = Assessment(case=case, recorded_by=user, **fields)
    _save(assessment)
    to = Phase.PLANNING if assessment.completed_on else Phase.ASSESSMENT
    case_advance(case=case, to=to, by=user, reason=_("Palvelutarpeen arviointi kirjattu"))
    return assessment


@hooks.changes(hooks.PLAN)
def client_plan_record(*, user: User, case: Case, **fields) -> ClientPlan:
    plan = ClientPlan(case=case, recorded_by=user, **fields)
    _save(plan)
    return plan


@hooks.changes(hooks.PLAN)
def employment_plan_record(*, user: User, case: Case, **fields) -> EmploymentPlan:
    plan = EmploymentPlan(case=case, recorded_by=user, **fields)
    _save(plan)
    return plan


@phase_guard(Phase.DECISION)
def _decision_phase_needs_employment_plan(case: Case) -> None:
    require_employment_plan(case, field="phase")


def require_employment_plan(case: Case, field: str | None = None) -> None:
    """The one home of the rule: kuntouttava työtoiminta rests on an employment plan, so
    there is no decision (nor decision phase) before one exists (189/2001, 2 and 3 §)."""
    if not case.employment_plans.exists():
        message = _(
            "Työllistymissuunnitelma on laadittava ennen päätöstä: kuntouttava työtoiminta "
            "järjestetään työllistymis- tai aktivointisuunnitelman pohjalta (laki "
            "kuntouttavasta työtoiminnasta 189/2001)."
        )
        raise ValidationError({field: message} if field else message)


def plan_date(plan: ActivationPlan) -> datetime.date:
    """The plan's own date: the start of its period (item 3), else the day it was made."""
    if plan.start_on:
        return plan.start_on
    return plan.created_at.date() if plan.created_at else timezone.localdate()


def rules_for(case: Case, on: datetime.date) -> RuleSet:
    return ruleset_engine.rules_on(ruleset_engine.region_of(case.municipality), on)


def benefits_on(case: Case, on: datetime.date) -> set[str]:
    return set(ClientBenefit.objects.filter(case=case).on(on).values_list("kind", flat=True))


def expected_plan_type(case: Case, on: datetime.date | None = None) -> PlanType | None:
    """The plan type the rule set in force on the day gives a client with these benefits
    (issue 26: activation plan vs multi-sector employment plan, HE 109/2025)."""
    on = on or timezone.localdate()
    allowed = ruleset_engine.plan_types_for(rules_for(case, on), benefits_on(case, on))
    if not allowed:
        return None
    return PlanType.objects.filter(code=allowed[0].code).first()


def signatories_of(plan: ActivationPlan) -> list[str]:
    """Who signs this plan: its type's parties in the rule set on the plan's date."""
    rules = rules_for(plan.case, plan_date(plan))
    for plan_type in rules.plan_types.all():
        if plan_type.code == plan.plan_type.code:
            return list(plan_type.signatories)
    return list(Party.values)


def _validate_plan_law(plan: ActivationPlan) -> None:
    """13 b § on whatever of items 2–3 is filled in (drafts may be incomplete), and the
    plan type, both by the rule set in force on the plan's own date."""
    day = plan_date(plan)
    rules = rules_for(plan.case, day)
    checks = [
        (ruleset_engine.validate_days_per_week, plan.days_per_week),
        (ruleset_engine.validate_hours_per_day, plan.hours_per_day),
        (ruleset_engine.validate_period_months, plan.length_months),
    ]
    for check, value in checks:
        if value is not None:
            check(rules, value)
    ruleset_engine.validate_plan_type(rules, plan.plan_type.code, benefits_on(plan.case, day))


def _check_may_edit(user: User, plan: ActivationPlan) -> None:
    if not plan.is_editable():
        raise ValidationError(
            _("Allekirjoitettua suunnitelmaa ei voi muuttaa: tee uusi versio (uusiminen).")
        )


@transaction.atomic(durable=True)
def activation_plan_create(
    *, user: User, case: Case, plan_type: PlanType, **fields
) -> ActivationPlan:
    """A new draft (version 1, or the next after a renewal)."""
    return _activation_plan_create(user=user, case=case, plan_type=plan_type, **fields)


def _activation_plan_create(
    *, user: User, case: Case, plan_type: PlanType, **fields
) -> ActivationPlan:
    Case.objects.select_for_update().get(pk=case.pk)  # a double submit waits, then is refused
    require_open_case(case)
    if case.activation_plans.filter(state=PlanState.DRAFT).exists():
        raise ValidationError(_("Asiakkuudella on jo keskeneräinen suunnitelmaluonnos."))
    version = (
        case.activation_plans.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    plan = ActivationPlan(
        case=case, plan_type=plan_type, version=version, created_by=user, **fields
    )
    _validate_plan_law(plan)
    _save(plan)
    return plan


@transaction.atomic(durable=True)
def activation_plan_update(*, user: User, plan: ActivationPlan, **fields) -> ActivationPlan:
    plan = ActivationPlan.objects.select_for_update().get(pk=plan.pk)
    _check_may_edit(user, plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    _validate_plan_law(plan)
    _save(plan)
    return plan


def _may_sign_as(user: User, plan: ActivationPlan, party: str) -> bool:
    if party == Party.CLIENT and not user.roles:  # the client, strongly identified (oma)
        return catalogue["activation_plan"].in_reach(user, Right.OWN).filter(pk=plan.pk).exists()
    case = plan.case
    if party == Party.EMPLOYMENT_AUTHORITY:
        return (
            user.has_role(Role.EMPLOYMENT_OFFICER)
            and Case.objects.visible_to(user).filter(pk=case.pk).exists()
        )
    works_on = Case.objects.workable_by(user).filter(pk=case.pk).exists()
    if party == Party.MUNICIPALITY:
        return works_on
    return works_on or user.has_role(Role.EMPLOYMENT_OFFICER)  # the client's own signature


def parties_user_may_sign(user: User, plan: ActivationPlan) -> list[str]:
    """The parties whose signature this user may still record on the plan, in order."""
    signed = set(plan.signatures.values_list("party", flat=True))
    parties = signatories_of(plan)
    return [
        p for p in Party.values if p in parties and p not in signed and _may_sign_as(user, plan, p)
    ]


@hooks.changes(hooks.PLAN, cases=lambda _signature, plan, **_: [plan.case_id])
def activation_plan_sign(
    *,
    user: User,
    plan: ActivationPlan,
    party: str,
    signer_name: str,
    signed_on: datetime.date | None = None,
) -> Signature:
    """Record one party's signature; with all three the plan is signed (in force from its start)."""
    plan = ActivationPlan.objects.select_for_update().select_related("case").get(pk=plan.pk)
    require_open_case(plan.case)
    if plan.state != PlanState.DRAFT:
        raise ValidationError(_("Vain luonnoksen voi allekirjoittaa."))
    missing = plan.missing_items()
    if missing:
        raise ValidationError(
            _("Suunnitelmasta puuttuu lain edellyttämiä tietoja: %(items)s.")
            % {"items": ", ".join(missing)}
        )
    _validate_plan_law(plan)
    if not _may_sign_as(user, plan, party):
        raise ValidationError(
            {
                "party": _("Et voi kirjata osapuolen %(party)s allekirjoitusta.")
                % {"party": Party(party).label}
            }
        )
    if plan.signatures.filter(party=party).exists():
        raise ValidationError({"party": _("Tämä osapuoli on jo allekirjoittanut.")})
    signature = Signature(
        plan=plan,
        party=party,
        signer_name=signer_name,
        signed_on=signed_on or timezone.localdate(),
        recorded_by=user,
    )
    _save(signature)
    if set(plan.signatures.values_list("party", flat=True)) >= set(signatories_of(plan)):
        _complete_signing(plan)
    return signature


def _complete_signing(plan: ActivationPlan) -> None:
    today = timezone.localdate()
    plan.state = (
        PlanState.IN_FORCE if plan.start_on and plan.start_on <= today else (PlanState.SIGNED)
    )
    plan.save(update_fields=["state", "updated_at"])
    if plan.previous_id:
        ActivationPlan.objects.filter(pk=plan.previous_id).update(state=PlanState.RENEWED)
    if plan.includes_kuty:  # a signed plan with kuty: the decision is next
        case_advance(case=plan.case, to=Phase.DECISION, reason=_("Suunnitelma allekirjoitettu"))


# renewing resolves the plan's dates
@hooks.changes(hooks.PLAN)
def activation_plan_renew(*, user: User, plan: ActivationPlan) -> ActivationPlan:
    """A new draft version with the old contents; the old stays readable (and in force
    until the new one is signed)."""
    plan = ActivationPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state not in (PlanState.SIGNED, PlanState.IN_FORCE, PlanState.ENDED):
        raise ValidationError(_("Vain allekirjoitetun suunnitelman voi uusia."))
    if hasattr(plan, "renewal"):
        raise ValidationError(_("Suunnitelmasta on jo uusi versio."))
    copy = {name: getattr(plan, name) for name in plan.CONTENTS + plan.KUTY_ITEMS}
    renewal = _activation_plan_create(
        user=user,
        case=plan.case,
        plan_type=plan.plan_type,
        includes_kuty=plan.includes_kuty,
        **copy,
    )
    renewal.previous = plan
    renewal.save(update_fields=["previous"])
    return renewal


@hooks.changes(hooks.PLAN)
def activation_plan_interrupt(
    *,
    user: User,
    plan: ActivationPlan,
    interruption_event: str,
    event_on: datetime.date,
    hearing_on: datetime.date | None,
    hearing_summary: str,
    interrupted_on: datetime.date,
) -> ActivationPlan:
    plan = ActivationPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.state not in (PlanState.SIGNED, PlanState.IN_FORCE):
        raise ValidationError(_("Vain voimassa olevan suunnitelman voi keskeyttää."))
    law.validate_interruption(
        event_date=event_on, interrupted_on=interrupted_on, hearing_on=hearing_on
    )
    if not hearing_summary.strip():
        raise ValidationError({"hearing_summary": _("Kirjaa, mitä asiakas kuulemisessa sanoi.")})
    plan.interruption_event = interruption_event
    plan.event_on = event_on
    plan.hearing_on = hearing_on
    plan.hearing_summary = hearing_summary
    plan.interrupted_on = interrupted_on
    plan.state = PlanState.INTERRUPTED
    _save(plan)
    return plan


@transaction.atomic(durable=True)
def plans_sweep(today: datetime.date | None = None) -> tuple[int, int]:
    """Daily: signed plans come into force on their start day; in-force plans end after
    their period. Idempotent: a rerun changes nothing more."""
    day = today or timezone.localdate()
    started = ActivationPlan.objects.filter(state=PlanState.SIGNED, start_on__lte=day).update(
        state=PlanState.IN_FORCE
    )
    ended = 0
    for plan in ActivationPlan.objects.filter(state=PlanState.IN_FORCE).only(
        "start_on", "length_months"
    ):
        if plan.end_on and plan.end_on < day:
            ended += ActivationPlan.objects.filter(pk=plan.pk, state=PlanState.IN_FORCE).update(
                state=PlanState.ENDED
            )
    return started, ended


@hooks.changes(hooks.PLAN)
def benefit_record(*, user: User, case: Case, **fields) -> ClientBenefit:
    """A benefit of the client for a period (the plan type and the absence notices follow
    it). Earnings-related allowance names its fund (a database rule too)."""
    require_open_case(case)
    benefit = ClientBenefit(case=case, recorded_by=user, **fields)
    if benefit.kind == "earnings_related" and not benefit.fund.strip():
        raise ValidationError(
            {
                "fund": _(
                    "Ansiopäivärahalle on kirjattava työttömyyskassa: poissaoloista "
                    "ilmoitetaan kassan lomakkeella."
                )
            }
        )
    _save(benefit)
    return benefit

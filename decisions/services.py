"""Making a decision, notifying the client: each checks its preconditions in one transaction."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Site, User
from clients.lifecycle import case_advance, phase_guard
from clients.models import Case, Phase
from clients.services import require_open_case
from core import hooks, law
from core.pdf import render_pdf
from plans.models import ActivationPlan, PlanState
from plans.services import require_employment_plan
from rulesets import engine as ruleset_engine
from rulesets.models import RuleSet

from .models import (
    DEFAULT_LEGAL_BASIS,
    DRAFTED,
    Coach,
    Decision,
    DecisionCounter,
    DecisionKind,
    DecisionStatus,
    Notification,
    NotificationMethod,
    Outcome,
)

logger = logging.getLogger(__name__)


def rules_of(decision: Decision) -> RuleSet:
    """The rule set in force on the decision's own date (its start, else today)."""
    region = ruleset_engine.region_of(decision.case.municipality)
    return ruleset_engine.rules_on(region, decision.start_on or timezone.localdate())


def apply_dated_rules(decision: Decision) -> None:
    """13 b § as the rule set in force on the decision's date has it, and the legal-basis
    text of that rule set in the decision's language, unless the worker wrote their own."""
    rules = rules_of(decision)
    known = {DEFAULT_LEGAL_BASIS, ""}
    for fi, sv in RuleSet.objects.values_list("legal_basis_fi", "legal_basis_sv"):
        known |= {fi, sv}
    if decision.legal_basis.strip() in known:
        decision.legal_basis = rules.legal_basis(decision.language)
    errors: dict[str, list[str]] = {}
    checks = []
    if decision.weekdays:
        checks.append((ruleset_engine.validate_days_per_week, len(decision.weekdays), "weekdays"))
    if decision.hours_per_day is not None:
        checks.append((ruleset_engine.validate_hours_per_day, decision.hours_per_day, None))
    for check, value, field in checks:
        try:
            if field:
                check(rules, value, field)
            else:
                check(rules, value, decision=True)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if decision.start_on and decision.end_on and decision.end_on > decision.start_on:
        try:
            ruleset_engine.validate_period(rules, decision.start_on, decision.end_on)
        except ValidationError as error:
            errors.setdefault("end_on", []).extend(error.message_dict["end_on"])
    if errors:
        raise ValidationError(errors)


def validate_schedule(*, start_on, end_on, weekdays: list[int] | None, hours_per_day) -> None:
    """13 b §: 3–24 months, 1–4 days a calendar week, 4–8 hours a day; end after start.

    Every broken rule is reported at once, each under its field."""
    errors: dict[str, list[str]] = {}

    def check(function, *args, **kwargs) -> None:
        try:
            function(*args, **kwargs)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)

    if start_on and end_on:
        if end_on <= start_on:
            errors["end_on"] = [_("Päättymispäivän on oltava alkamispäivän jälkeen.")]
        else:
            check(law.validate_period, start_on, end_on)
    if weekdays is not None:
        check(law.validate_weekdays, weekdays)
    if hours_per_day is not None:
        check(law.validate_hours_per_day, hours_per_day, maximum=law.HOURS_PER_DAY_MAX)
    if errors:
        raise ValidationError(errors)


def plan_in_force(case: Case) -> ActivationPlan | None:
    return (
        case.activation_plans.filter(
            state__in=[PlanState.SIGNED, PlanState.IN_FORCE], includes_kuty=True
        )
        .order_by("-version")
        .first()
    )


@phase_guard(Phase.FOLLOW_UP)
def _follow_up_once_the_service_has_started(case: Case) -> None:
    started = Decision.objects.filter(
        case=case,
        kind=DecisionKind.GRANT,
        outcome__in=[Outcome.POSITIVE, Outcome.PARTLY],
        status__in=[DecisionStatus.IN_FORCE, DecisionStatus.ENDED],
        start_on__lte=timezone.localdate(),
    )
    if not started.exists():
        raise ValidationError(
            {
                "phase": _(
                    "Seurantaan siirrytään vasta, kun päätöksen mukainen palvelu on alkanut "
                    "(päätös on annettu tiedoksi ja sen alkamispäivä on tullut)."
                )
            }
        )


def _check_capacity(decision: Decision) -> None:
    site = Site.objects.select_for_update().get(pk=decision.site_id)  # serialise makers
    taken = (
        Decision.objects.occupying(site, decision.start_on, decision.end_on)
        .exclude(pk=decision.pk)
        .exclude(pk=decision.replaces_id)
        .count()
    )
    if taken >= site.capacity:
        raise ValidationError(
            {
                "site": _(
                    "Työtoimintapaikassa %(site)s ei ole vapaata paikkaa ajalle "
                    "%(start)s–%(end)s (paikkoja %(capacity)s, varattu %(taken)s)."
                )
                % {
                    "site": site.name,
                    "start": decision.start_on.strftime("%-d.%-m.%Y"),
                    "end": decision.end_on.strftime("%-d.%-m.%Y"),
                    "capacity": site.capacity,
                    "taken": taken,
                }
            }
        )


def _check_no_other_decision_in_force(decision: Decision) -> None:
    """One positive decision in force per case and period; a change replaces it."""
    other = (
        Decision.objects.filter(case_id=decision.case_id)
        .live_positive()
        .overlapping(decision.start_on, decision.end_on)
        .exclude(pk=decision.pk)
        .exclude(pk=decision.replaces_id)
        .first()
    )
    if other is not None:
        raise ValidationError(
            _(
                "Asiakkuudella on jo voimassa myönteinen päätös %(date)s ajalle "
                "%(start)s–%(end)s. Päätöstä muutetaan tekemällä sille korvaava päätös."
            )
            % {
                "date": other.decided_on.strftime("%-d.%-m.%Y"),
                "start": other.start_on.strftime("%-d.%-m.%Y"),
                "end": other.end_on.strftime("%-d.%-m.%Y"),
            }
        )


def check_preconditions(decision: Decision) -> ActivationPlan | None:
    """Everything the law and the process require before a decision can be made."""
    case = decision.case
    require_employment_plan(case)
    if not decision.reasons.strip():
        raise ValidationError({"reasons": _("Päätös on perusteltava (hallintolaki 45 §).")})
    if not decision.is_positive():
        return None
    plan = plan_in_force(case)
    if plan is None:
        raise ValidationError(
            _(
                "Päätöstä ei voi tehdä: asiakkaalla ei ole allekirjoitettua aktivointi- tai "
                "monialaista työllistymissuunnitelmaa, johon sisältyy kuntouttava työtoiminta."
            )
        )
    missing = [
        label
        for label, value in (
            (_("työtoimintapaikka"), decision.site_id),
            (_("alkamispäivä"), decision.start_on),
            (_("päättymispäivä"), decision.end_on),
            (_("viikonpäivät"), decision.weekdays),
            (_("tunteja päivässä"), decision.hours_per_day),
        )
        if not value
    ]
    if missing:
        raise ValidationError(_("Päätöksestä puuttuu: %(items)s.") % {"items": ", ".join(missing)})
    validate_schedule(
        start_on=decision.start_on,
        end_on=decision.end_on,
        weekdays=decision.weekdays,
        hours_per_day=decision.hours_per_day,
    )
    apply_dated_rules(decision)
    differs = (
        len(decision.weekdays) != plan.days_per_week
        or decision.hours_per_day != plan.hours_per_day
        or decision.start_on != plan.start_on
        or decision.end_on != plan.end_on
    )
    _check_no_other_decision_in_force(decision)
    if differs and not decision.schedule_difference_reason.strip():
        raise ValidationError(
            {
                "schedule_difference_reason": _(
                    "Aikataulu poikkeaa suunnitelmasta (%(days)s pv/vko, %(hours)s h/pv, "
                    "%(start)s–%(end)s): kirjaa poikkeamisen peruste."
                )
                % {
                    "days": plan.days_per_week,
                    "hours": plan.hours_per_day,
                    "start": plan.start_on.strftime("%-d.%-m.%Y"),
                    "end": plan.end_on.strftime("%-d.%-m.%Y"),
                }
            }
        )
    _check_capacity(decision)
    return plan


@transaction.atomic(durable=True)
def decision_save_draft(
    *,
    user: User,
    case: Case,
    decision: Decision | None = None,
    coaches: list[dict] = (),
    **fields,
) -> Decision:
    """Create or change a draft; a made decision is never changed (make a new one)."""
    return _save_draft(user=user, case=case, decision=decision, coaches=coaches, **fields)


def _save_draft(
    *, user: User, case: Case, decision: Decision | None = None, coaches: list[dict] = (), **fields
) -> Decision:
    require_open_case(case)
    if decision is None:
        decision = Decision(
            case=case,
            authority=case.municipality,
            created_by=user,
            language="sv" if case.client.language == "sv" else "fi",
        )
    elif decision.status != DecisionStatus.DRAFT:
        raise ValidationError(
            _("Tehtyä päätöstä ei voi muuttaa: tee uusi päätös, joka korvaa sen.")
        )
    for name, value in fields.items():
        setattr(decision, name, value)
    validate_schedule(
        start_on=decision.start_on,
        end_on=decision.end_on,
        weekdays=decision.weekdays or None,
        hours_per_day=decision.hours_per_day,
    )
    apply_dated_rules(decision)
    decision.full_clean()
    decision.save()
    decision.coaches.all().delete()
    Coach.objects.bulk_create(Coach(decision=decision, **coach) for coach in coaches)
    return decision


@hooks.changes(hooks.DECISION)
def decision_make(*, user: User, decision: Decision) -> Decision:
    """Check the preconditions, fix the content and the PDF; from now on immutable."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("case__client", "case__municipality", "site")
        .get(pk=decision.pk)
    )
    Case.objects.select_for_update().filter(pk=decision.case_id).first()  # no closing meanwhile
    require_open_case(decision.case)
    if decision.status != DecisionStatus.DRAFT:
        raise ValidationError(_("Päätös on jo tehty."))
    if decision.is_ending():
        return _make_ending(user, decision)
    plan = check_preconditions(decision)
    today = timezone.localdate()
    # the rate of the rule set in force on the decision's date (rulesets; AllowanceRate
    # rows are the history before rule sets and are no longer read)
    rate = rules_of(decision).allowance_rate(decision.allowance_kind)
    decision.plan = plan
    decision.decision_maker = user
    decision.decided_on = today
    decision.allowance_amount = rate if decision.is_positive() else None
    decision.status = DecisionStatus.MADE
    _give_number(decision)
    if decision.replaces_id:  # first, so that one decision is in force at any moment
        Decision.objects.filter(pk=decision.replaces_id).update(status=DecisionStatus.REPLACED)
    decision.save()
    decision.pdf.save(f"paatos-{decision.pk}.pdf", ContentFile(decision_pdf(decision)), save=True)
    case_advance(case=decision.case, to=Phase.DECISION, by=user, reason=_("Päätös tehty"))
    for hook in _made_hooks:
        hook(decision, user)
    return decision


def _give_number(decision: Decision) -> None:
    """The next number of the organiser's year. The upsert locks the counter's row until
    the commit, so two makers of the same organiser get consecutive numbers, never one."""
    table = DecisionCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (authority_id, year, last) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (authority_id, year) DO UPDATE SET last = {table}.last + 1 "
            "RETURNING last",
            [decision.authority_id, decision.decided_on.year],
        )
        (decision.number_seq,) = cursor.fetchone()
    decision.number_year = decision.decided_on.year


# Later apps act on a made decision through these (placements ends the placement when
# an ending decision is made): an explicit list, called inside the same transaction.
MadeHook = Callable[[Decision, User], None]
_made_hooks: list[MadeHook] = []


def on_decision_made(hook: MadeHook) -> MadeHook:
    _made_hooks.append(hook)
    return hook


ENDING_LEGAL_BASIS = (
    "Laki kuntouttavasta työtoiminnasta (189/2001); sosiaalihuoltolaki (1301/2014) 45 §; "
    "hallintolaki (434/2003) 44 ja 45 §."
)
# the same in the decision's language when that is Swedish (issue 27: a Swedish
# decision printed its legal basis in Finnish)
ENDING_LEGAL_BASIS_SV = (
    "Lagen om arbetsverksamhet i rehabiliteringssyfte (189/2001); socialvårdslagen "
    "(1301/2014) 45 §; förvaltningslagen (434/2003) 44 och 45 §."
)


def ending_legal_basis(language: str) -> str:
    """The ending decision's standard legal basis in the decision's language."""
    return ENDING_LEGAL_BASIS_SV if (language or "")[:2] == "sv" else ENDING_LEGAL_BASIS


def check_ending(decision: Decision) -> None:
    """The service ends before the decided period ends: the ended decision is in force,
    the last day falls within its period, and the reasons are written."""
    ended = decision.ends
    if ended is None or ended.case_id != decision.case_id:
        raise ValidationError(_("Valitse päätös, jonka mukainen palvelu päätetään."))
    if not Decision.objects.live_positive().filter(pk=ended.pk).exists():
        raise ValidationError(
            _("Päätettävä päätös ei ole voimassa: vain voimassa olevan palvelun voi päättää.")
        )
    if not (ended.start_on - datetime.timedelta(days=1) <= decision.end_on < ended.end_on):
        raise ValidationError(
            {
                "end_on": _(
                    "Viimeisen palvelupäivän on oltava päätöksen mukaisella jaksolla "
                    "%(start)s–%(end)s ja ennen sen päättymistä."
                )
                % {
                    "start": ended.start_on.strftime("%-d.%-m.%Y"),
                    "end": ended.end_on.strftime("%-d.%-m.%Y"),
                }
            }
        )
    if not decision.reasons.strip():
        raise ValidationError({"reasons": _("Päätös on perusteltava (hallintolaki 45 §).")})
    already = ended.ended_by.exclude(pk=decision.pk).exclude(status=DecisionStatus.DRAFT)
    if already.exists():
        raise ValidationError(_("Palvelun päättämisestä on jo tehty päätös."))


@transaction.atomic(durable=True)
def ending_save_draft(
    *, user: User, decision: Decision, ending: Decision | None = None, **fields
) -> Decision:
    """Draft (or change the draft of) the decision that ends the service of `decision`."""
    require_open_case(decision.case)
    if ending is None:
        ending = Decision(
            case=decision.case,
            kind=DecisionKind.ENDING,
            ends=decision,
            outcome=Outcome.NEGATIVE,
            authority=decision.case.municipality,
            legal_basis=ENDING_LEGAL_BASIS,
            created_by=user,
            language=decision.language,
        )
    elif ending.status != DecisionStatus.DRAFT:
        raise ValidationError(
            _("Tehtyä päätöstä ei voi muuttaa: tee uusi päätös, joka korvaa sen.")
        )
    for name, value in fields.items():
        setattr(ending, name, value)
    if ending.legal_basis.strip() in {ENDING_LEGAL_BASIS, ENDING_LEGAL_BASIS_SV, ""}:
        ending.legal_basis = ending_legal_basis(ending.language)  # unless the worker wrote one
    ending.full_clean()
    check_ending(ending)  # when saved, not only when made: the last day inside the period
    ending.save()
    return ending


def _make_ending(user: User, decision: Decision) -> Decision:
    check_ending(decision)
    today = timezone.localdate()
    decision.decision_maker = user
    decision.decided_on = today
    decision.status = DecisionStatus.MADE
    _give_number(decision)
    decision.save()
    if decision.end_on < today:  # already past: the ended decision is no longer in force
        Decision.objects.filter(pk=decision.ends_id).update(status=DecisionStatus.ENDED)
    decision.pdf.save(f"paatos-{decision.pk}.pdf", ContentFile(decision_pdf(decision)), save=True)
    for hook in _made_hooks:
        hook(decision, user)
    return decision


def decision_pdf(decision: Decision) -> bytes:
    """The decision document in the client's language (Finnish or Swedish)."""
    with translation.override(decision.language):
        return render_pdf(
            "decisions/decision_pdf.html",
            {
                "decision": decision,
                "case": decision.case,
                "client": decision.case.client,
                "coaches": list(decision.coaches.all()),
                "notification": getattr(decision, "notification", None),
                "reconsideration_days": law.RECONSIDERATION_DAYS,
            },
        )


def decision_pdf_file(decision: Decision) -> tuple[bytes, str]:
    """The stored PDF of a made decision, or a fresh preview of a draft, with its name."""
    if decision.pdf:
        try:
            with decision.pdf.open("rb") as stored:
                return stored.read(), f"paatos-{decision.pk}.pdf"
        except OSError:  # FileNotFoundError, or the bucket's missing key: not a 500
            # a made decision never changes (its triggers), so the record renders the
            # same document again; it is not stored over the lost one
            logger.error("decision %s: stored PDF %s is missing", decision.pk, decision.pdf.name)
            return decision_pdf(decision), f"paatos-{decision.pk}.pdf"
    return decision_pdf(decision), f"paatosluonnos-{decision.pk}.pdf"


# notified: its reminder closes
@hooks.changes(hooks.DECISION, cases=lambda _notification, decision, **_: [decision.case_id])
def decision_notify(
    *,
    user: User,
    decision: Decision,
    method: str,
    sent_on: datetime.date,
    electronic_consent: bool = False,
) -> Notification:
    """Record the notification; the receipt day and the last day for a request for
    reconsideration follow from core/law.py."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != DecisionStatus.MADE:
        raise ValidationError(_("Vain tehdyn päätöksen voi antaa tiedoksi (ja vain kerran)."))
    electronic = (NotificationMethod.E_SERVICE, NotificationMethod.SUOMIFI)
    if method in electronic and not electronic_consent:
        raise ValidationError(
            {
                "electronic_consent": _(
                    "Sähköinen tiedoksianto vaatii asiakkaan suostumuksen (hallintolaki 434/2003, "
                    "59 §; laki sähköisestä asioinnista viranomaistoiminnassa 13/2003, 19 §)."
                )
            }
        )
    if sent_on < decision.decided_on:
        raise ValidationError({"sent_on": _("Tiedoksianto ei voi olla ennen päätöspäivää.")})
    received = law.deemed_received(method, sent_on)
    notification = decision.notification = Notification.objects.create(
        decision=decision,
        method=method,
        sent_on=sent_on,
        received_on=received,
        reconsideration_deadline=law.reconsideration_deadline(received),
        electronic_consent=electronic_consent,
        recorded_by=user,
    )
    decision.status = DecisionStatus.NOTIFIED
    # The content is fixed; the document now also states how and when it was notified
    # and the last day for a request for reconsideration.
    decision.pdf.save(f"paatos-{decision.pk}.pdf", ContentFile(decision_pdf(decision)), save=False)
    decision.save(update_fields=["status", "pdf"])
    return notification


@transaction.atomic(durable=True)
def decision_replace(*, user: User, decision: Decision) -> Decision:
    """A change to a made decision is a new draft that will replace it when made."""
    decision = Decision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
    if decision.status == DecisionStatus.DRAFT:
        raise ValidationError(_("Luonnosta voi muokata suoraan."))
    if decision.is_ending():
        raise ValidationError(_("Päättämispäätöstä ei korvata: tee tarvittaessa uusi päätös."))
    if hasattr(decision, "replaced_by"):
        raise ValidationError(_("Päätökselle on jo tehty korvaava päätös."))
    fields = {name: getattr(decision, name) for name in DRAFTED}
    coaches = [{"kind": c.kind, "name": c.name, "hours": c.hours} for c in decision.coaches.all()]
    return _save_draft(user=user, case=decision.case, coaches=coaches, replaces=decision, **fields)


@transaction.atomic(durable=True)
def decisions_sweep(today: datetime.date | None = None) -> tuple[int, int]:
    """Daily: notified decisions come into force on their start day (the service starts:
    the case moves on) and end after their last day, or the day after an ending decision's."""
    day = today or timezone.localdate()
    starting = list(
        Decision.objects.live_positive()
        .filter(status=DecisionStatus.NOTIFIED, start_on__lte=day)
        .values_list("pk", "case_id")
    )
    Decision.objects.filter(pk__in=[pk for pk, _case in starting]).update(
        status=DecisionStatus.IN_FORCE
    )
    for case in Case.objects.filter(pk__in={case_id for _pk, case_id in starting}):
        case_advance(case=case, to=Phase.IN_SERVICE, reason=_("Päätös tuli voimaan"))
    ended_early = Decision.objects.filter(
        kind=DecisionKind.ENDING,
        status__in=[DecisionStatus.MADE, DecisionStatus.NOTIFIED],
        end_on__lt=day,
    ).values("ends_id")
    ended = (
        Decision.objects.filter(status__in=[DecisionStatus.IN_FORCE, DecisionStatus.NOTIFIED])
        .live_positive()
        .filter(Q(end_on__lt=day) | Q(pk__in=ended_early))
        .update(status=DecisionStatus.ENDED)
    )
    return len(starting), ended

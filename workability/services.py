"""The work-ability path's workflows: each one transaction, each validating what it
needs with a message the user can act on."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from clients.models import Client, Consent
from core import hooks

from .access import acting_organization
from .models import (
    Handover,
    HealthDocumentRef,
    ParallelService,
    PathContact,
    PathMeeting,
    PathPhase,
    PlanAction,
    SupportPath,
)

no_cases = hooks.changes(cases=lambda *_r, **_a: [])


def _registrar_of(actor: User, path: SupportPath) -> int:
    organization = acting_organization(actor, path)
    if organization is None:
        raise ValidationError(_("Sinulla ei ole oikeutta kirjata tälle polulle."))
    return organization


def _open(path: SupportPath) -> None:
    if not path.is_open():
        raise ValidationError(_("Polku on päättynyt: siihen ei voi enää kirjata."))


@no_cases
def path_open(
    *,
    actor: User,
    client: Client,
    team: Organization,
    consent: Consent,
    recognised_by: str,
    recognised_on: datetime.date,
    need: str,
    referral_kind: str,
) -> SupportPath:
    """Need recognised and referred (phases 1–2): the referring social worker holds the
    client until the team's worker accepts the hand-over."""
    errors = {}
    if team.kind != Organization.Kind.WORKABILITY_TEAM:
        errors["team"] = _("Valitse työkykytiimi.")
    if consent.client_id != client.pk or consent.organization_id != team.pk:
        errors["consent"] = _("Valitse asiakkaan suostumus tietojen vaihtoon tämän tiimin kanssa.")
    elif not consent.is_in_force():
        errors["consent"] = _(
            "Suostumus ei ole voimassa: tietoja ei voi luovuttaa työkykytiimille ilman "
            "asiakkaan suostumusta (laki 703/2023)."
        )
    if errors:
        raise ValidationError(errors)
    path = SupportPath(
        client=client,
        team=team,
        consent=consent,
        recognised_by=recognised_by,
        recognised_on=recognised_on,
        need=need,
        referral_kind=referral_kind,
        phase=PathPhase.CLARIFYING,
        responsible_worker=actor,
        responsible_organization=client.registrar,
        created_by=actor,
    )
    path.full_clean()
    path.save()
    return path


BASELINE = (
    "phase",
    "initial_meeting_on",
    "own_account",
    "job_seeker_view",
    "health_and_pain",
    "economy",
    "safety_net",
    "everyday_support",
    "goals",
)


@no_cases
def path_update(*, actor: User, path: SupportPath, **values) -> SupportPath:
    """The baseline gathered with the client, the goals and the phase (not the end)."""
    path = SupportPath.objects.select_for_update().get(pk=path.pk)
    _open(path)
    _registrar_of(actor, path)
    if values.get("phase") == PathPhase.ENDED:
        raise ValidationError({"phase": _("Päätä polku jatkosuunnitelman kanssa.")})
    for name in BASELINE:
        if name in values:
            setattr(path, name, values[name])
    path.full_clean()
    path.save(update_fields=[n for n in BASELINE if n in values])
    return path


def _part(model, *, actor: User, path: SupportPath, **values):
    _open(path)
    record = model(path=path, registrar_id=_registrar_of(actor, path), recorded_by=actor, **values)
    record.full_clean()
    record.save()
    return record


@no_cases
def action_add(*, actor: User, path: SupportPath, **values) -> PlanAction:
    return _part(PlanAction, actor=actor, path=path, **values)


@no_cases
def action_done(*, actor: User, action: PlanAction, done_on: datetime.date) -> PlanAction:
    _registrar_of(actor, action.path)
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    return action


@no_cases
def service_add(*, actor: User, path: SupportPath, **values) -> ParallelService:
    return _part(ParallelService, actor=actor, path=path, **values)


@no_cases
def contact_add(*, actor: User, path: SupportPath, **values) -> PathContact:
    return _part(PathContact, actor=actor, path=path, **values)


@no_cases
def health_document_add(*, actor: User, path: SupportPath, **values) -> HealthDocumentRef:
    return _part(HealthDocumentRef, actor=actor, path=path, **values)


@no_cases
def handover_propose(*, actor: User, path: SupportPath, to_worker: User, reason: str) -> Handover:
    """Proposed by the current responsible worker to a worker who may act on the path
    (the registrar's social work, the path's team); the current one stays responsible."""
    path = SupportPath.objects.select_for_update().get(pk=path.pk)
    _open(path)
    if path.responsible_worker_id != actor.pk:
        raise ValidationError(_("Vain nykyinen vastuutyöntekijä voi ehdottaa vaihtoa."))
    if to_worker.pk == actor.pk:
        raise ValidationError({"to_worker": _("Valitse toinen työntekijä.")})
    organization = acting_organization(to_worker, path)
    if organization is None:
        raise ValidationError(
            {
                "to_worker": _(
                    "Vastaanottaja ei voi toimia tällä polulla: hän ei ole asiakkaan "
                    "sosiaalityön eikä suostumuksen piirissä olevan työkykytiimin työntekijä."
                )
            }
        )
    if path.handovers.filter(accepted_at__isnull=True, cancelled_at__isnull=True).exists():
        raise ValidationError(_("Polulla on jo hyväksymätön vastuutyöntekijän vaihto."))
    handover = Handover(
        path=path,
        from_worker=actor,
        to_worker=to_worker,
        to_organization_id=organization,
        reason=reason,
    )
    handover.full_clean()
    handover.save()
    return handover


@no_cases
def handover_accept(*, actor: User, handover: Handover) -> Handover:
    """The receiver accepts: from now on they hold the client."""
    handover = Handover.objects.select_for_update().select_related("path").get(pk=handover.pk)
    if handover.to_worker_id != actor.pk:
        raise ValidationError(_("Vain vastaanottaja voi hyväksyä vaihdon."))
    if not handover.is_pending():
        raise ValidationError(_("Vaihto on jo käsitelty."))
    path = SupportPath.objects.select_for_update().get(pk=handover.path_id)
    _open(path)
    organization = acting_organization(actor, path)
    if organization is None:
        raise ValidationError(_("Et voi enää toimia tällä polulla: vaihtoa ei voi hyväksyä."))
    handover.accepted_at = timezone.now()
    handover.save(update_fields=["accepted_at"])
    path.responsible_worker = actor
    path.responsible_organization_id = organization
    path.save(update_fields=["responsible_worker", "responsible_organization"])
    return handover


@no_cases
def path_end(
    *,
    actor: User,
    path: SupportPath,
    ends_on: datetime.date,
    continuation: str,
    continuation_plan: str,
) -> SupportPath:
    """Phase 4's end: the continuation plan and the date the path ends."""
    path = SupportPath.objects.select_for_update().get(pk=path.pk)
    _open(path)
    if path.responsible_worker_id != actor.pk:
        raise ValidationError(_("Polun päättää sen vastuutyöntekijä."))
    if ends_on < path.recognised_on:
        raise ValidationError({"ends_on": _("Polku ei voi päättyä ennen kuin se alkoi.")})
    path.ends_on, path.phase = ends_on, PathPhase.ENDED
    path.continuation, path.continuation_plan = continuation, continuation_plan
    path.full_clean()
    path.save(update_fields=["ends_on", "phase", "continuation", "continuation_plan"])
    return path


@no_cases
def meeting_record(
    *,
    actor: User,
    path: SupportPath,
    held_on: datetime.date,
    organizations: list[Organization],
    participants: str,
    summary: str,
    actions: list[dict],
) -> PathMeeting:
    """A network meeting across organisations: every invited organisation other than
    the registrar holds the client's consent in force; the agreed actions feed their
    owners' to-do lists."""
    path = SupportPath.objects.select_related("client").get(pk=path.pk)
    allowed = {path.client.registrar_id} | set(
        Consent.objects.in_force()
        .filter(client=path.client)
        .values_list("organization_id", flat=True)
    )
    without = [o.name for o in organizations if o.pk not in allowed]
    if without:
        raise ValidationError(
            {
                "organizations": _(
                    "Asiakas ei ole antanut suostumusta tietojen vaihtoon: %(orgs)s. "
                    "Kutsu vain organisaatioita, joille suostumus on voimassa (laki 703/2023)."
                )
                % {"orgs": ", ".join(without)}
            }
        )
    meeting = _part(
        PathMeeting,
        actor=actor,
        path=path,
        held_on=held_on,
        participants=participants,
        summary=summary,
    )
    meeting.organizations.set(organizations)
    for values in actions:
        owner = values["owner"]
        if owner.pk not in allowed:
            raise ValidationError(
                {
                    "actions": _("Toimenpiteen vastuuorganisaatiolla ei ole suostumusta: %(org)s.")
                    % {"org": owner.name}
                }
            )
        _part(PlanAction, actor=actor, path=path, meeting=meeting, **values)
    return meeting

"""Workflows on clients and cases. Each validates, runs in one transaction, and logs."""

from __future__ import annotations

import datetime

import filetype
import pghistory
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, Role, User
from core import hooks
from core.access import AccessMeta
from core.forms import future_fact_message

from .access import access_log
from .lifecycle import case_advance
from .models import (
    AccessAction,
    AccessLog,
    AgreedAction,
    Attachment,
    Case,
    CaseGrant,
    Client,
    Consent,
    DisclosureLog,
    NetworkMeeting,
    Phase,
    Referral,
    ResponsibleWorkerChange,
)


def require_open_case(case: Case) -> None:
    """Nothing new is planned, decided or sent on a closed case."""
    if Case.objects.filter(pk=case.pk, closed_on__isnull=False).exists():
        raise ValidationError(_("Asiakkuus on päättynyt: avaa uusi asiakkuus."))


def save_validated(instance) -> None:
    """full_clean() (the model's rules and constraints, in Finnish) and then save()."""
    instance.full_clean()
    instance.save()


@hooks.changes(hooks.PHASE, cases=hooks.case_returned)  # a case opened
def case_open(
    *,
    user: User,
    municipality: Organization,
    responsible_worker: User,
    client_data: dict,
    opened_on: datetime.date | None = None,
    meta: AccessMeta | None = None,
) -> Case:
    """Open a case; the client is found by henkilötunnus among the organiser's own client
    records (the organiser is their registrar), or created there. Another registrar's
    records of the same person are never looked at, so nothing here tells whether the
    person is a client elsewhere."""
    if municipality not in user.organizations_as(Role.SOCIAL_WORKER):
        raise ValidationError({"municipality": _("Voit avata asiakkuuden vain omassa kunnassasi.")})
    today = timezone.localdate()
    if opened_on and opened_on > today:
        raise ValidationError({"opened_on": future_fact_message(_("Vireille tullut"), today)})
    if municipality not in responsible_worker.organizations_as(Role.SOCIAL_WORKER):
        raise ValidationError(
            {"responsible_worker": _("Omatyöntekijän on oltava järjestävän kunnan työntekijä.")}
        )
    client = Client.objects.filter(registrar=municipality, hetu=client_data["hetu"]).first()
    if client is not None and (
        client.last_name.casefold() != client_data["last_name"].strip().casefold()
    ):
        # The same message whether or not the person exists: no lookup by henkilötunnus.
        raise ValidationError(
            {"hetu": _("Henkilötunnus ja sukunimi eivät täsmää. Tarkista tiedot.")}
        )
    if client is None:
        client = Client(registrar=municipality, **client_data)
        try:
            with transaction.atomic():
                save_validated(client)
        except IntegrityError as error:  # the same person saved at the same moment
            raise ValidationError(
                _("Asiakas tallennettiin juuri toisaalla. Yritä uudelleen.")
            ) from error
    elif Case.objects.open().filter(client=client).exists():
        raise ValidationError(
            _(
                "Asiakkaalla on jo avoin asiakkuus: samalla asiakkaalla voi olla vain yksi "
                "avoin asiakkuus kerrallaan."
            )
        )
    case = Case(
        client=client,
        municipality=municipality,
        responsible_worker=responsible_worker,
        opened_on=opened_on or timezone.localdate(),
    )
    try:
        with transaction.atomic():
            save_validated(case)
    except IntegrityError as error:  # a second open case saved at the same moment
        raise ValidationError(
            _(
                "Asiakkaalla on jo avoin asiakkuus: samalla asiakkaalla voi olla vain yksi "
                "avoin asiakkuus kerrallaan."
            )
        ) from error
    ResponsibleWorkerChange.objects.create(
        case=case, worker=responsible_worker, changed_on=case.opened_on, changed_by=user
    )
    access_log(
        user=user,
        clients=client,
        action=AccessAction.CREATE,
        what=f"asiakkuus {case.pk}",
        meta=meta,
    )
    return case


@hooks.changes(hooks.PHASE, cases=hooks.case_returned)  # a case opened
def case_open_next_period(*, user: User, previous: Case, meta: AccessMeta | None = None) -> Case:
    """A new period from a closed case, without typing the client again: the same client
    record, the same organiser, linked to the earlier case and its history."""
    previous = Case.objects.select_for_update().get(pk=previous.pk)
    if previous.closed_on is None:
        raise ValidationError(_("Uuden jakson voi aloittaa vasta, kun asiakkuus on päätetty."))
    if hasattr(previous, "next_period"):
        raise ValidationError(_("Tästä asiakkuudesta on jo aloitettu uusi jakso."))
    worker = (
        previous.responsible_worker
        if previous.municipality in previous.responsible_worker.organizations_as(Role.SOCIAL_WORKER)
        else user
    )
    case = Case(
        client=previous.client,
        municipality=previous.municipality,
        responsible_worker=worker,
        previous=previous,
    )
    try:
        with transaction.atomic():
            save_validated(case)
    except IntegrityError as error:
        raise ValidationError(
            _(
                "Asiakkaalla on jo avoin asiakkuus: samalla asiakkaalla voi olla vain yksi "
                "avoin asiakkuus kerrallaan."
            )
        ) from error
    ResponsibleWorkerChange.objects.create(
        case=case, worker=worker, changed_on=case.opened_on, changed_by=user
    )
    return case


@hooks.changes(hooks.CONSENT, cases=hooks.case_argument)
def consent_record(*, user: User, case: Case, **fields) -> Consent:
    consent = Consent(client=case.client, recorded_by=user, **fields)
    save_validated(consent)
    return consent


def _cases_of_client(_result, *, consent: Consent, **_arguments) -> list[int]:
    return list(Case.objects.filter(client_id=consent.client_id).values_list("pk", flat=True))


@hooks.changes(hooks.CONSENT, cases=_cases_of_client)
def consent_withdraw(*, user: User, consent: Consent) -> None:
    """Withdrawal stops the sharing at once: visibility is computed from it."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("Suostumus on jo peruttu."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])


def _require_responsible_worker(user: User, case: Case) -> None:
    if case.responsible_worker_id != user.pk:
        raise ValidationError(_("Vain asiakkuuden omatyöntekijä voi myöntää ja perua oikeuksia."))


@hooks.changes(hooks.GRANT)
def case_grant(
    *,
    user: User,
    case: Case,
    grantee: User,
    reason: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> CaseGrant:
    """Name a substitute (sijainen) for this case for a period."""
    _require_responsible_worker(user, case)
    grant = CaseGrant(
        case=case,
        user=grantee,
        reason=reason,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=user,
    )
    save_validated(grant)
    return grant


@transaction.atomic(durable=True)
def case_grant_renew(*, user: User, grant: CaseGrant) -> CaseGrant:
    """Continue a substitute's grant for another full period, as a new grant (the old one
    stays in the history as it was)."""
    if grant.revoked_at is not None:
        raise ValidationError(_("Peruttua käyttöoikeutta ei voi jatkaa: myönnä uusi."))
    starts_on = max(timezone.localdate(), grant.ends_on + datetime.timedelta(days=1))
    return case_grant.nested(
        user=user,
        case=grant.case,
        grantee=grant.user,
        reason=grant.reason,
        starts_on=starts_on,
        ends_on=starts_on + relativedelta(months=settings.KUTY_GRANT_MAX_MONTHS),
    )


def _case_of_grant(_result, *, grant: CaseGrant, **_arguments) -> list[int]:
    return [grant.case_id]


@hooks.changes(hooks.GRANT, cases=_case_of_grant)
def case_grant_revoke(*, user: User, grant: CaseGrant) -> None:
    _require_responsible_worker(user, grant.case)
    if grant.revoked_at is not None:
        raise ValidationError(_("Käyttöoikeus on jo peruttu."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = user
    grant.save(update_fields=["revoked_at", "revoked_by"])


def client_log_report(
    *, client: Client, start: datetime.date, end: datetime.date
) -> tuple[QuerySet[AccessLog], QuerySet[DisclosureLog]]:
    """Who processed the client's data and to whom it was disclosed (703/2023)."""
    period = Q(at__date__gte=start, at__date__lte=end)
    accesses = (
        AccessLog.objects.filter(period, client=client)
        .select_related("user")
        .prefetch_related("user__memberships__organization")
    )
    disclosures = DisclosureLog.objects.filter(period, client=client).select_related(
        "recipient", "disclosed_by"
    )
    return accesses, disclosures


def misuse_check(
    *, officer: User, checked_user: User, start: datetime.date, end: datetime.date
) -> QuerySet[AccessLog]:
    """The user's accesses to clients who were never their own (no case of theirs, no
    grant), among the clients of the officer's own registrars only."""
    own_case = Case.objects.filter(client=OuterRef("client"), responsible_worker=checked_user)
    granted = CaseGrant.objects.filter(case__client=OuterRef("client"), user=checked_user)
    return (
        AccessLog.objects.filter(user=checked_user, at__date__gte=start, at__date__lte=end)
        .filter(client__registrar__in=officer.organizations_as(Role.PRIVACY_OFFICER))
        .exclude(Exists(own_case))
        .exclude(Exists(granted))
        .select_related("client")
    )


def misuse_summary(
    *, officer: User, start: datetime.date, end: datetime.date
) -> list[tuple[User, int]]:
    """The privacy officer's home (issue 27): per user, how many of their accesses from
    `start` to `end` were to clients never their own (misuse_check's rule, every user at
    once), most first. Counts and users only: no client is named, so nothing is logged."""
    own_case = Case.objects.filter(client=OuterRef("client"), responsible_worker=OuterRef("user"))
    granted = CaseGrant.objects.filter(case__client=OuterRef("client"), user=OuterRef("user"))
    counts = list(
        AccessLog.objects.filter(at__date__gte=start, at__date__lte=end, user__isnull=False)
        .filter(client__registrar__in=officer.organizations_as(Role.PRIVACY_OFFICER))
        .exclude(Exists(own_case))
        .exclude(Exists(granted))
        .values_list("user")
        .annotate(count=Count("pk"))
        .order_by("-count", "user")
    )
    users = User.objects.in_bulk([user for user, _count in counts])
    return [(users[user], count) for user, count in counts]


@hooks.changes(hooks.CASE)
def attachment_add(*, user: User, case: Case, title: str, upload) -> Attachment:
    """Store a case file after checking its size and its real type (by content)."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Tiedosto on liian suuri: enintään %(mb)s Mt.")
                % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
            }
        )
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in settings.UPLOAD_TYPES:
        raise ValidationError({"file": _("Sallitut tiedostotyypit ovat PDF, PNG ja JPEG.")})
    attachment = Attachment(
        case=case,
        title=title,
        file=upload,
        content_type=kind.mime,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.save()
    return attachment


@hooks.changes(hooks.CASE)
def referral_record(*, user: User, case: Case, **fields) -> Referral:
    if hasattr(case, "referral"):
        raise ValidationError(_("Asiakkuudelle on jo kirjattu ohjautuminen."))
    referral = Referral(case=case, recorded_by=user, **fields)
    save_validated(referral)
    # the matter is pending: the service-need assessment is due (Social Welfare Act 36 §)
    case_advance(case=case, to=Phase.ASSESSMENT, by=user, reason=_("Vireilletulo kirjattu"))
    return referral


@hooks.changes(hooks.CASE)
def meeting_record(
    *,
    user: User,
    case: Case,
    organizations=(),
    actions: list[dict] = (),
    **fields,
) -> NetworkMeeting:
    meeting = NetworkMeeting(case=case, recorded_by=user, **fields)
    save_validated(meeting)
    meeting.organizations.set(organizations)
    for action in actions:
        save_validated(AgreedAction(meeting=meeting, **action))
    return meeting


@hooks.changes(hooks.CASE, cases=hooks.case_argument)
def case_correct_opened_on(
    *, user: User, case: Case, opened_on: datetime.date, reason: str
) -> None:
    """Correct the day the case opened (a typing mistake): the old and the new day and the
    reason stay in the case's history (pghistory's event, with the reason in its context)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    require_open_case(case)
    today = timezone.localdate()
    if opened_on > today:
        raise ValidationError({"opened_on": future_fact_message(_("Vireille tullut"), today)})
    if opened_on == case.opened_on:
        raise ValidationError({"opened_on": _("Päivä on jo tämä: valitse oikea päivä.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Kirjaa korjauksen syy: se jää muutoshistoriaan.")})
    case.opened_on = opened_on
    with pghistory.context(reason=reason.strip()):
        case.save(update_fields=["opened_on"])


@hooks.changes(hooks.CASE, cases=hooks.case_argument)
def case_change_worker(*, user: User, case: Case, worker: User) -> None:
    """Name a new responsible worker (omatyöntekijä); every change is kept."""
    if case.municipality not in worker.organizations_as(Role.SOCIAL_WORKER):
        raise ValidationError(
            {"worker": _("Omatyöntekijän on oltava järjestävän kunnan työntekijä.")}
        )
    if worker.pk == case.responsible_worker_id:
        raise ValidationError({"worker": _("Hän on jo asiakkuuden omatyöntekijä.")})
    case.responsible_worker = worker
    case.save(update_fields=["responsible_worker"])
    ResponsibleWorkerChange.objects.create(case=case, worker=worker, changed_by=user)

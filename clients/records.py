"""The client records of the case's first phases, declared once (core.records)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from core import hooks
from core.access import Right
from core.records import RecordKind, TimelineEntry, catalogue

from . import scope
from .models import (
    AccessLog,
    Attachment,
    Case,
    CaseGrant,
    Client,
    Consent,
    DisclosureLog,
    NeedReason,
    NetworkMeeting,
    PhaseChange,
    Referral,
    ResponsibleWorkerChange,
    _today,
)


def worked(path: str = "pk"):
    """The scope of the organiser's social work (Right.WORK) at `path`, a case's id."""
    return lambda actor: scope.work_q(actor, path) or Q(pk__in=[])


def visible(path: str = "pk"):
    """The read scope (social work, or shared by a consent in force) at `path`."""
    return lambda actor: scope.read_q(actor, _today(), path) or Q(pk__in=[])


def of_cases(path: str = "case_id") -> dict:
    """A record of a case: read as the case is read, acted on by the case's social work."""
    return {Right.READ: visible(path), Right.WORK: worked(path), Right.CO_SIGN: visible(path)}


def worked_only(path: str = "case_id") -> dict:
    """A record only the organiser's social work reaches, to read or to act."""
    return {Right.READ: worked(path), Right.WORK: worked(path)}


def _client_of(case_scope, path: str = "pk"):
    """A record of the client: reached when one of the client's cases is."""
    return lambda actor: Q(
        **{f"{path}__in": Case.objects.filter(case_scope(actor)).values("client_id")}
    )


def _case_timeline(case: Case):
    yield TimelineEntry(case.opened_on, title=__("Asiakkuus avattu"))
    if case.closed_on:
        yield TimelineEntry(case.closed_on, title=__("Asiakkuus päättyi"))


def _referral_timeline(referral: Referral):
    source = referral.source_other or referral.get_source_display()
    yield TimelineEntry(
        referral.initiated_on,
        title=__("Vireilletulo: %(source)s") % {"source": source},
        detail=", ".join(str(NeedReason(r).label) for r in referral.reasons),
    )


def _worker_timeline(change: ResponsibleWorkerChange):
    name = change.worker.get_full_name()
    yield TimelineEntry(change.changed_on, title=__("Omatyöntekijä: %(name)s") % {"name": name})


def _consent_timeline(consent: Consent):
    org = consent.organization.name
    yield TimelineEntry(
        consent.given_on,
        title=__("Suostumus: %(org)s") % {"org": org},
        detail=consent.information,
    )
    if consent.withdrawn_at:
        yield TimelineEntry(
            consent.withdrawn_at.date(), title=__("Suostumus peruttu: %(org)s") % {"org": org}
        )


def _meeting_timeline(meeting: NetworkMeeting):
    actions = "; ".join(
        f"{a.description} ({a.responsible_person}, {a.due_on:%d.%m.%Y})"
        for a in meeting.actions.all()
    )
    yield TimelineEntry(
        meeting.held_on,
        title=meeting.get_kind_display(),
        detail=f"{meeting.summary} {actions}".strip(),
    )


CASE = RecordKind(
    name="case",
    model=Case,
    client_path="client",
    case_path="",
    scopes={Right.READ: visible(), Right.WORK: worked(), Right.CO_SIGN: visible()},
    label="asiakkuus",
    title=_("Asiakkuudet"),
    topic=hooks.CASE,
    select_related=("client__home_municipality", "municipality", "responsible_worker", "previous"),
    order_by=("opened_on", "pk"),
    timeline=_case_timeline,
)
CLIENT = RecordKind(
    name="client",
    model=Client,
    client_path="pk",
    case_path="",
    scopes={Right.READ: _client_of(visible()), Right.WORK: _client_of(worked())},
    label="asiakas",
    title=_("Asiakkaan tiedot"),
    not_exported=("registrar", "created_at"),
    select_related=("home_municipality",),
)
CONSENT = RecordKind(
    name="consent",
    model=Consent,
    client_path="client",
    case_path="",
    scopes={Right.WORK: _client_of(worked(), "client_id")},
    label="suostumus",
    title=_("Suostumukset"),
    topic=hooks.CONSENT,
    select_related=("client", "organization"),
    order_by=("given_on", "pk"),
    timeline=_consent_timeline,
    timeline_related=("organization", "recorded_by"),
)
# the records of a case, in the order the process meets them
REFERRAL = RecordKind(
    name="referral",
    model=Referral,
    scopes=worked_only(),
    label="vireilletulo",
    title=_("Vireilletulo"),
    topic=hooks.CASE,
    timeline=_referral_timeline,
)
PHASE_CHANGE = RecordKind(
    name="phase_change",
    model=PhaseChange,
    scopes=worked_only(),
    label="vaiheen muutos",
    title=_("Vaiheiden muutokset"),
    topic=hooks.PHASE,
    order_by=("changed_at", "pk"),
)
WORKER_CHANGE = RecordKind(
    name="worker_change",
    model=ResponsibleWorkerChange,
    scopes=worked_only(),
    label="omatyöntekijän vaihto",
    title=_("Omatyöntekijät"),
    topic=hooks.CASE,
    order_by=("changed_on", "pk"),
    timeline=_worker_timeline,
    timeline_related=("worker", "changed_by"),
)
GRANT = RecordKind(
    name="grant",
    model=CaseGrant,
    scopes=worked_only(),
    label="sijaisuus",
    title=_("Sijaisten käyttöoikeudet"),
    topic=hooks.GRANT,
    order_by=("starts_on", "pk"),
)
MEETING = RecordKind(
    name="meeting",
    model=NetworkMeeting,
    scopes=worked_only(),
    label="verkostotapaaminen",
    title=_("Verkostotapaamiset"),
    topic=hooks.CASE,
    children=("actions",),
    order_by=("held_on", "pk"),
    timeline=_meeting_timeline,
    timeline_prefetch=("actions", "organizations"),
)
ATTACHMENT = RecordKind(
    name="attachment",
    model=Attachment,
    scopes=worked_only(),
    label="liite",
    title=_("Liitteet"),
    topic=hooks.CASE,
    order_by=("uploaded_at", "pk"),
)
# the logs of 703/2023: the client's right to know who processed and received their
# data; reached by no gate, only by the export and the privacy officer's own pages
ACCESS_LOG = RecordKind(
    name="access_log",
    model=AccessLog,
    client_path="client",
    case_path="",
    scopes={},
    label="käyttöloki",
    title=_("Käyttöloki: kuka on käsitellyt tietojasi"),
    order_by=("at", "pk"),
    # who, when, what and why; not the staff's network addresses (kept for misuse checks)
    not_exported=("ip_address",),
)
DISCLOSURE_LOG = RecordKind(
    name="disclosure_log",
    model=DisclosureLog,
    client_path="client",
    case_path="",
    scopes={},
    label="luovutusloki",
    title=_("Luovutusloki: kenelle tietojasi on luovutettu"),
    order_by=("at", "pk"),
)

catalogue.declare(
    CLIENT,
    CASE,
    CONSENT,
    REFERRAL,
    PHASE_CHANGE,
    WORKER_CHANGE,
    GRANT,
    MEETING,
    ATTACHMENT,
    ACCESS_LOG,
    DISCLOSURE_LOG,
)

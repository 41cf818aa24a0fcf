"""The work-ability path's records, declared once (core.records).

Every kind is a record of the client (no case: a client need not be in kuty), reached
through `kuty_path_scope` (workability/scope.py): the registrar's social work and the
path's own team act on it; the employment authority reads it by the client's consent.
The export, the case page's timeline and the gate iterate these declarations. The
timeline shows the path's own milestones (recognised, initial meeting, hand-overs, end)
but not the team's contacts or meetings: those are the team's records, shown to social
work only on the shared plan, where the read is disclosed."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as __
from django.utils.translation import gettext_lazy as _

from clients.models import Case
from clients.records import worked
from core.access import Right
from core.records import RecordKind, TimelineEntry, catalogue

from . import scope
from .models import (
    Handover,
    HealthDocumentRef,
    IntegrationFlag,
    ParallelService,
    PathContact,
    PathMeeting,
    PlanAction,
    SupportPath,
)


def _paths(path: str, *, acting: bool):
    return lambda actor: scope.paths_q(actor, timezone.localdate(), acting=acting, path=path)


def of_paths(path: str = "path_id") -> dict:
    """A record of a path: read by every party in reach, acted on by the acting ones."""
    return {Right.READ: _paths(path, acting=False), Right.WORK: _paths(path, acting=True)}


def _flagged(actor) -> Q:
    """A flag is the registrar's: its social work (the clients of the cases it works
    on), and the parties of the client's path (by consent: their reads are disclosed)."""
    cases = Case.objects.filter(worked()(actor)).values("client_id")
    paths = SupportPath.objects.filter(_paths("pk", acting=False)(actor)).values("client_id")
    return Q(client_id__in=cases) | Q(client_id__in=paths)


def _path_timeline(path: SupportPath):
    yield TimelineEntry(
        path.recognised_on,
        title=__("Työkyvyn tuen tarve tunnistettu: %(by)s")
        % {"by": path.get_recognised_by_display()},
    )
    if path.initial_meeting_on:
        yield TimelineEntry(path.initial_meeting_on, title=__("Alkutapaaminen työkykytiimissä"))
    if path.ends_on:
        yield TimelineEntry(
            path.ends_on,
            title=__("Työkyvyn tuen polku päättyi: %(next)s")
            % {"next": path.get_continuation_display()},
        )


def _handover_timeline(handover: Handover):
    if handover.accepted_at:
        yield TimelineEntry(
            timezone.localdate(handover.accepted_at),
            title=__("Vastuutyöntekijä: %(name)s") % {"name": handover.to_worker.get_full_name()},
        )


def _flag_timeline(flag: IntegrationFlag):
    yield TimelineEntry(flag.raised_on, title=__("Tiiviimmän integraation kriteerit täyttyivät"))


def _kind(name, model, label, title, **extra) -> RecordKind:
    return RecordKind(
        name=name,
        model=model,
        scopes=of_paths(),
        label=label,
        title=title,
        client_path="path__client",
        case_path="",
        select_related=("path__client",),
        **extra,
    )


SUPPORT_PATH = RecordKind(
    name="support_path",
    model=SupportPath,
    scopes=of_paths("pk"),
    label="työkykypolku",
    title=_("Työkyvyn tuen polku"),
    client_path="client",
    case_path="",
    select_related=("client", "team", "responsible_worker", "responsible_organization"),
    order_by=("recognised_on", "pk"),
    timeline=_path_timeline,
)
PLAN_ACTION = _kind(
    "plan_action",
    PlanAction,
    "työkykypolun toimenpide",
    _("Työkyvyn tuen toimenpiteet"),
    order_by=("due_on", "pk"),
)
PARALLEL_SERVICE = _kind(
    "parallel_service",
    ParallelService,
    "rinnakkainen palvelu",
    _("Rinnakkaiset palvelut"),
    order_by=("starts_on", "pk"),
)
PATH_CONTACT = _kind(
    "path_contact",
    PathContact,
    "yhteydenotto",
    _("Yhteydenotot ja konsultaatiot"),
    order_by=("held_on", "pk"),
)
HEALTH_DOCUMENT = _kind(
    "health_document",
    HealthDocumentRef,
    "viittaus terveysasiakirjaan",
    _("Viittaukset terveydenhuollon asiakirjoihin"),
    order_by=("dated_on", "pk"),
)
PATH_MEETING = _kind(
    "path_meeting",
    PathMeeting,
    "työkykypolun verkostotapaaminen",
    _("Työkyvyn tuen verkostotapaamiset"),
    order_by=("held_on", "pk"),
)
HANDOVER = _kind(
    "handover",
    Handover,
    "vastuutyöntekijän vaihto",
    _("Vastuutyöntekijän vaihdot"),
    order_by=("proposed_at", "pk"),
    timeline=_handover_timeline,
    timeline_related=("to_worker",),
)
INTEGRATION_FLAG = RecordKind(
    name="integration_flag",
    model=IntegrationFlag,
    scopes={Right.READ: _flagged},
    label="integraatiomerkintä",
    title=_("Tiiviimmän integraation kriteerit"),
    client_path="client",
    case_path="",
    select_related=("client",),
    order_by=("raised_on", "pk"),
    timeline=_flag_timeline,
)

catalogue.declare(
    SUPPORT_PATH,
    PLAN_ACTION,
    PARALLEL_SERVICE,
    PATH_CONTACT,
    HEALTH_DOCUMENT,
    PATH_MEETING,
    HANDOVER,
    INTEGRATION_FLAG,
)

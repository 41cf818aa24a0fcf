"""The composite plan (kokoava suunnitelma): one shared plan, each part written and
owned by its registrar and labelled with it. The health-care documents are referred to
(that they exist, dated, by whom, where kept), never copied.

A fixed number of queries whatever the plan holds: each kind is read once."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from clients.models import Case
from plans.models import ActivationPlan, ClientPlan, EmploymentPlan

from .models import (
    HealthDocumentRef,
    ParallelService,
    PathContact,
    PathMeeting,
    PlanAction,
    SupportPath,
)


@dataclass
class Entry:
    kind: str
    text: str
    day: object = None
    extra: str = ""
    action_pk: int | None = None  # an open action: it can be marked done


@dataclass
class Part:
    owner: str
    owner_id: int
    title: str
    entries: list[Entry] = field(default_factory=list)


def _d(day) -> str:
    return f"{day:%-d.%-m.%Y}" if day else ""


def social_work_parts(path: SupportPath) -> list[Part]:
    """The organiser's plans of the client's open kuty case, and the employment
    authority's employment plan: their dates, owners and goals."""
    case = Case.objects.filter(client_id=path.client_id, closed_on__isnull=True).first()
    if case is None:
        return []
    registrar = path.client.registrar
    social = Part(registrar.name, registrar.pk, _("Sosiaalityön suunnitelmat"))
    for plan in ClientPlan.objects.filter(case=case).order_by("drawn_up_on", "pk"):
        social.entries.append(Entry(_("Asiakassuunnitelma"), plan.goals, plan.drawn_up_on))
    activation = ActivationPlan.objects.filter(case=case).select_related("plan_type")
    for plan in activation.order_by("pk"):
        social.entries.append(
            Entry(
                str(plan.plan_type),
                plan.get_state_display(),
                plan.start_on,
                _("kuntouttava työtoiminta"),
            )
        )
    parts = [social]
    employment = EmploymentPlan.objects.filter(case=case).select_related("employment_authority")
    for plan in employment.order_by("drawn_up_on", "pk"):
        parts.append(
            Part(
                plan.employment_authority.name,
                plan.employment_authority_id,
                _("Työllistymissuunnitelma"),
                [Entry(_("Työllistymissuunnitelma"), plan.authority_contact, plan.drawn_up_on)],
            )
        )
    return parts


def path_parts(path: SupportPath) -> list[Part]:
    """The path's own records, one part per registrar that wrote them."""
    by_owner: dict[int, Part] = {}

    def add(record, entry: Entry) -> None:
        owner = by_owner.setdefault(
            record.registrar_id,
            Part(record.registrar.name, record.registrar_id, _("Työkyvyn tuen suunnitelma")),
        )
        owner.entries.append(entry)

    for action in PlanAction.objects.filter(path=path).select_related("registrar", "owner"):
        state = _("tehty %(day)s") % {"day": _d(action.done_on)} if action.done_on else ""
        text = _("%(what)s – vastuu: %(owner)s, määräpäivä %(due)s") % {
            "what": action.description,
            "owner": action.owner.name,
            "due": _d(action.due_on),
        }
        open_pk = None if action.done_on else action.pk
        add(action, Entry(_("Toimenpide"), text, action.due_on, state, open_pk))
    for service in ParallelService.objects.filter(path=path).select_related("registrar"):
        add(
            service,
            Entry(
                _("Rinnakkainen palvelu"),
                service.get_kind_display(),
                service.starts_on,
                service.provider,
            ),
        )
    for contact in PathContact.objects.filter(path=path).select_related("registrar"):
        add(contact, Entry(contact.get_kind_display(), contact.outcome, contact.held_on))
    for doc in HealthDocumentRef.objects.filter(path=path).select_related("registrar"):
        text = _("%(kind)s, %(day)s, laatinut %(by)s – säilytetään: %(where)s") % {
            "kind": doc.get_kind_display(),
            "day": _d(doc.dated_on),
            "by": doc.made_by,
            "where": doc.kept_in,
        }
        add(doc, Entry(_("Viittaus terveydenhuollon asiakirjaan"), text, doc.dated_on))
    for meeting in PathMeeting.objects.filter(path=path).select_related("registrar"):
        add(meeting, Entry(_("Verkostotapaaminen"), meeting.summary, meeting.held_on))
    for part in by_owner.values():
        part.entries.sort(key=lambda e: (e.day is None, e.day or 0))
    return list(by_owner.values())


def composite(path: SupportPath, *, team_part: bool) -> list[Part]:
    """Every part of the shared plan the viewer may see: the team's part only while the
    client's consent to the team is in force (`team_part`)."""
    parts = social_work_parts(path)
    own = path_parts(path)
    if not team_part:
        own = [p for p in own if p.owner_id == path.client.registrar_id]
    return parts + own

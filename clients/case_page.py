"""The case page gathers what every phase adds to a case.

Apps later in the process register a provider here (in their AppConfig.ready), so the
case page in `clients` shows plans, decisions and placements without importing them or
naming their URLs: dependencies still run one way. A provider returns context and may
contribute `timeline` entries, `sections` (templates of its own panels, shown in the
order the apps are installed), `work_links` (WorkLink: the case's work it records) and
`work_forms` (templates of small forms in the work panel). A provider runs a fixed
number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import HttpRequest

from .models import Case, NeedReason


@dataclass(order=True)
class TimelineEntry:
    day: date
    at: datetime | None = field(compare=False, default=None)
    title: str = field(compare=False, default="")
    detail: str = field(compare=False, default="")
    url: str = field(compare=False, default="")


@dataclass
class WorkLink:
    url: str
    label: str
    count: int | None = None


Provider = Callable[[HttpRequest, Case, bool], dict]
MERGED = ("timeline", "sections", "work_links", "work_forms")
_providers: list[Provider] = []


def case_page_provider(function: Provider) -> Provider:
    _providers.append(function)
    return function


def provided_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    """Context from every provider; their MERGED lists are joined."""
    context: dict = {name: [] for name in MERGED}
    for provider in _providers:
        extra = provider(request, case, works_on)
        for name in MERGED:
            context[name].extend(extra.pop(name, []))
        context.update(extra)
    context["timeline"].sort()
    return context


@case_page_provider
def clients_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    if not works_on:
        return {}
    consents = list(case.client.consents.select_related("organization", "recorded_by"))
    meetings = list(case.meetings.prefetch_related("actions", "organizations"))
    changes = list(case.worker_changes.select_related("worker", "changed_by"))
    referral = getattr(case, "referral", None)
    timeline = [TimelineEntry(case.opened_on, title=_("Asiakkuus avattu"))]
    if referral:
        timeline.append(
            TimelineEntry(
                referral.initiated_on,
                title=_("Vireilletulo: %(source)s")
                % {"source": referral.source_other or referral.get_source_display()},
                detail=", ".join(str(NeedReason(r).label) for r in referral.reasons),
            )
        )
    timeline += [
        TimelineEntry(
            c.changed_on, title=_("Omatyöntekijä: %(name)s") % {"name": c.worker.get_full_name()}
        )
        for c in changes
    ]
    for consent in consents:
        timeline.append(
            TimelineEntry(
                consent.given_on,
                title=_("Suostumus: %(org)s") % {"org": consent.organization.name},
                detail=consent.information,
            )
        )
        if consent.withdrawn_at:
            timeline.append(
                TimelineEntry(
                    consent.withdrawn_at.date(),
                    title=_("Suostumus peruttu: %(org)s") % {"org": consent.organization.name},
                )
            )
    for meeting in meetings:
        actions = "; ".join(
            f"{a.description} ({a.responsible_person}, {a.due_on:%d.%m.%Y})"
            for a in meeting.actions.all()
        )
        timeline.append(
            TimelineEntry(
                meeting.held_on,
                title=meeting.get_kind_display(),
                detail=f"{meeting.summary} {actions}".strip(),
            )
        )
    if case.closed_on:
        timeline.append(TimelineEntry(case.closed_on, title=_("Asiakkuus päättyi")))
    return {
        "consents": consents,
        "meetings": meetings,
        "worker_changes": changes,
        "referral": referral,
        "referral_url": reverse("clients:referral_create", args=[case.pk]),
        "timeline": timeline,
    }

"""The case page gathers what every phase adds to a case.

The timeline iterates the record catalogue (core.records): each kind's `timeline`
entries, read through the kind's own scope with the right the page was opened with, so
a kind declared by any app is on it, and an actor sees on it only what its gates would
show. Apps later in the process register a provider here (in their AppConfig.ready) for
their panels: `sections` (templates of its own panels, shown in the order the apps are
installed), `work_links` (WorkLink: the case's work it records) and `work_forms`
(templates of small forms in the work panel). A provider runs a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from core.access import Right
from core.records import TimelineEntry, catalogue

from .models import Case

__all__ = ["TimelineEntry", "WorkLink", "case_page_provider", "provided_context"]


@dataclass
class WorkLink:
    url: str
    label: str
    count: int | None = None


CaseRecords = dict[str, list | None]  # kind name → its records on this page (None: no right)
Provider = Callable[[HttpRequest, Case, bool, CaseRecords], dict]
MERGED = ("sections", "work_links", "work_forms")
_providers: list[Provider] = []


def case_page_provider(function: Provider) -> Provider:
    _providers.append(function)
    return function


def provided_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    """The case's records, kind by kind of the catalogue, each read through its own scope
    with the right the page was opened with (the worker: WORK, else READ; the employment
    authority: CO_SIGN); the timeline they draw; and the providers' panels over them
    (their MERGED lists joined). One query a kind, whatever the case holds."""
    rights = (Right.WORK, Right.READ) if works_on else (Right.CO_SIGN,)
    records: CaseRecords = {
        kind.name: kind.on_case(request.user, rights, case) for kind in catalogue if kind.timeline
    }
    context: dict = {name: [] for name in MERGED}
    for provider in _providers:
        extra = provider(request, case, works_on, records)
        for name in MERGED:
            context[name].extend(extra.pop(name, []))
        context.update(extra)
    context["timeline"] = sorted(
        entry for kind in catalogue for entry in kind.timeline_of(records.get(kind.name))
    )
    return context


@case_page_provider
def clients_context(request: HttpRequest, case: Case, works_on: bool, records: CaseRecords) -> dict:
    from django.urls import reverse

    if not works_on:
        return {}
    return {
        "consents": records["consent"],
        "meetings": records["meeting"],
        "worker_changes": records["worker_change"],
        "referral": next(iter(records["referral"]), None),
        "referral_url": reverse("clients:referral_create", args=[case.pk]),
    }

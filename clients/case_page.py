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


Provider = Callable[[HttpRequest, Case, bool], dict]
MERGED = ("sections", "work_links", "work_forms")
_providers: list[Provider] = []


def case_page_provider(function: Provider) -> Provider:
    _providers.append(function)
    return function


def provided_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    """Context from every provider (their MERGED lists joined), and the timeline: every
    kind of the catalogue, read with the right the page was opened with."""
    context: dict = {name: [] for name in MERGED}
    for provider in _providers:
        extra = provider(request, case, works_on)
        for name in MERGED:
            context[name].extend(extra.pop(name, []))
        context.update(extra)
    rights = (Right.WORK, Right.READ) if works_on else (Right.CO_SIGN,)
    context["timeline"] = sorted(
        entry for kind in catalogue for entry in kind.timeline_of(request.user, rights, case)
    )
    return context


@case_page_provider
def clients_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    from django.urls import reverse

    if not works_on:
        return {}
    return {
        "consents": list(case.client.consents.select_related("organization", "recorded_by")),
        "meetings": list(case.meetings.prefetch_related("actions", "organizations")),
        "worker_changes": list(case.worker_changes.select_related("worker", "changed_by")),
        "referral": getattr(case, "referral", None),
        "referral_url": reverse("clients:referral_create", args=[case.pk]),
    }

"""The case page gathers what every phase adds to a case.

The timeline iterates the record catalogue (core.records): each kind's `timeline`
entries, read through the kind's own scope with the right the page was opened with, so
a kind declared by any app is on it, and an actor sees on it only what its gates would
show. Apps later in the process register a provider here (in their AppConfig.ready) for
their panels: `sections` (templates of its own panels, shown in the order the apps are
installed), `work_links` (WorkLink: the case's work it records), `work_forms`
(templates of small forms in the work panel) and `next_actions` (NextAction: what the
case waits for, by phase; the page shows the first one at or after the case's phase as
its one primary action). A provider runs a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from core.access import Right
from core.records import TimelineEntry, catalogue

from .models import Case, Phase

__all__ = [
    "NextAction",
    "TimelineEntry",
    "WorkLink",
    "case_page_provider",
    "next_action",
    "provided_context",
]


@dataclass
class WorkLink:
    url: str
    label: str
    count: int | None = None


@dataclass
class NextAction:
    """A step the case waits for in `phase`: a link, or a button when `post`."""

    phase: str
    url: str
    label: str
    post: bool = False


PHASES = list(Phase.values)


def next_action(actions: list[NextAction], phase: str) -> NextAction | None:
    """The first step, in the process' order, of the case's phase or a later one (a step
    of an earlier phase left undone does not stop the case)."""
    here = PHASES.index(phase)
    waiting = [action for action in actions if PHASES.index(action.phase) >= here]
    return min(waiting, key=lambda action: PHASES.index(action.phase), default=None)


CaseRecords = dict[str, list | None]  # kind name → its records on this page (None: no right)
Provider = Callable[[HttpRequest, Case, bool, CaseRecords], dict]
MERGED = ("sections", "work_links", "work_forms", "next_actions")
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
    context["next_action"] = next_action(context.pop("next_actions"), case.phase)
    context["phases"] = Phase.choices
    return context


@case_page_provider
def clients_context(request: HttpRequest, case: Case, works_on: bool, records: CaseRecords) -> dict:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    if not works_on:
        return {}
    referral = next(iter(records["referral"]), None)
    actions = []
    if referral is None:
        actions.append(
            NextAction(
                Phase.NEED_RECOGNISED,
                reverse("clients:referral_create", args=[case.pk]),
                _("Kirjaa ohjautuminen ja vireilletulo"),
            )
        )
    if not case.is_open() and not hasattr(case, "next_period"):
        url = reverse("clients:case_next_period", args=[case.pk])
        actions.append(NextAction(Phase.CLOSED, url, _("Aloita uusi jakso"), post=True))
    return {
        "consents": records["consent"],
        "meetings": records["meeting"],
        "worker_changes": records["worker_change"],
        "referral": referral,
        "referral_url": reverse("clients:referral_create", args=[case.pk]),
        "next_actions": actions,
    }

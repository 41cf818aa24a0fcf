"""The work-ability path on the to-do list (the home page's panel): hand-overs to accept
or waiting too long, flagged clients of the responsible worker with the suggested
action, and the agreed actions the user's organisation owns. A fixed number of queries
whatever the list holds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.access import cases
from core.access import Right, meta_of

from .access import log_paths, paths
from .models import HANDOVER_WORKING_DAYS, Handover, IntegrationFlag, PlanAction

SOON = datetime.timedelta(days=14)


@dataclass
class Item:
    client_id: int
    title: str
    name: str
    text: str
    url: str
    overdue: bool


def _handovers(user, today, reached) -> list[Item]:
    found = Handover.objects.filter(
        Q(to_worker=user) | Q(from_worker=user),
        path__in=reached,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    ).select_related("path__client")
    items = []
    for handover in found:
        waiting = handover.waiting_days(today)
        late = waiting >= HANDOVER_WORKING_DAYS
        if handover.from_worker_id == user.pk and not late:
            continue
        title = (
            _("Hyväksy vastuutyöntekijän vaihto")
            if handover.to_worker_id == user.pk
            else _("Vastuutyöntekijän vaihtoa ei ole hyväksytty")
        )
        text = _("Odottanut %(days)s työpäivää.") % {"days": waiting}
        url = reverse("workability:path_detail", args=[handover.path_id])
        items.append(
            Item(handover.path.client_id, title, handover.path.client.full_name, text, url, late)
        )
    return items


def _flags(user, reached) -> list[Item]:
    held = reached.filter(responsible_worker=user, ends_on__isnull=True)
    worked = cases(user, Right.WORK).filter(responsible_worker=user, closed_on__isnull=True)
    found = IntegrationFlag.objects.filter(
        Q(client_id__in=held.values("client_id")) | Q(client_id__in=worked.values("client_id")),
        cleared_on__isnull=True,
    ).select_related("client")
    return [
        Item(
            flag.client_id,
            _("Tiiviimmän integraation kriteerit täyttyvät"),
            flag.client.full_name,
            _("Ehdotus: %(action)s") % {"action": flag.get_suggested_display()},
            reverse("workability:flag_detail", args=[flag.pk]),
            False,
        )
        for flag in found
    ]


def _actions(user, today, reached) -> list[Item]:
    found = PlanAction.objects.filter(
        path__in=reached.filter(ends_on__isnull=True),
        owner__in=[m.organization_id for m in user.active_memberships],
        done_on__isnull=True,
        due_on__lte=today + SOON,
    ).select_related("path__client")
    return [
        Item(
            action.path.client_id,
            _("Sovittu toimenpide"),
            action.path.client.full_name,
            _("%(what)s – määräpäivä %(due)s")
            % {"what": action.description, "due": f"{action.due_on:%-d.%-m.%Y}"},
            reverse("workability:path_detail", args=[action.path_id]),
            action.due_on < today,
        )
        for action in found.order_by("due_on", "pk")
    ]


def todo_panel(request, user, today: datetime.date) -> dict:
    """The panel's items; their clients logged once (with the disclosures of a read by
    consent), or left to the home page's one log call when a case of the user shows
    them."""
    reached = paths(user).select_related("consent")
    items = (
        _handovers(user, today, reached) + _flags(user, reached) + _actions(user, today, reached)
    )
    clients = {item.client_id for item in items}
    own_cases = list(cases(user, Right.READ).filter(client_id__in=clients)) if clients else []
    others = clients - {case.client_id for case in own_cases}
    if others:
        log_paths(
            user,
            reached.filter(client_id__in=others, ends_on__isnull=True),
            what="etusivu: työkyvyn tuki",
            meta=meta_of(request),
        )
    return {"workability_items": items, "shown_cases": own_cases}

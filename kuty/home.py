"""The home page: each role's first task, one panel per role, from the app whose work it is.

`PANELS` is the whole page, in the order it shows: a panel is shown to a user holding any
of its roles. A panel function takes (request, user, today) and returns its template's
context; the cases whose clients it shows go under "shown_cases", and the page logs them
all in one access-log call (one row per client shown, however many panels show it).
The list lives here, at the top, which may import every app: a reader sees the page in
one place, and no app has to register itself by an import's side effect.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import Organization, Role, User
from clients.listing import log_shown
from clients.views import misuse_panel, my_cases_panel
from followup.views import todo_panel
from placements.views import supervisor_panel
from plans.views import plans_to_sign_panel
from reports.views import capacity_panel, key_figures_panel
from rulesets.views import upcoming_panel
from workability.todo import todo_panel as workability_panel

PanelFunction = Callable[[HttpRequest, User, datetime.date], dict]


def organizations_panel(request: HttpRequest, user: User, today: datetime.date) -> dict:
    """The administrator's organisations with their members and sites (accounts has no
    pages of its own: the admin site is where they are managed)."""
    # counted over the organisations' own joins: counting over administered_by's join
    # would count only the administrator's own membership (issue 27)
    administered = (
        Organization.objects.filter(pk__in=Organization.objects.administered_by(user).values("pk"))
        .annotate(members=Count("memberships__user", distinct=True))
        .annotate(site_count=Count("sites", distinct=True))
        .order_by("name")
    )
    return {"administered": administered}


@dataclass(frozen=True)
class Panel:
    roles: frozenset[str]
    template: str
    build: PanelFunction


PANELS = (
    # a change of the law dated ahead, shown before it applies (issue 26)
    Panel(
        frozenset({Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.EMPLOYMENT_OFFICER, Role.COORDINATOR}),
        "rulesets/_upcoming.html",
        upcoming_panel,
    ),
    # the supervisor's day is the week's attendance: it comes before any reminder (issue 27)
    Panel(frozenset({Role.SUPERVISOR}), "home/supervisor.html", supervisor_panel),
    # the employment authority's work is the plans waiting for its signature: above the
    # reminders, whose "nothing open" must not read as "nothing to do" (issue 27)
    Panel(frozenset({Role.EMPLOYMENT_OFFICER}), "home/te_officer.html", plans_to_sign_panel),
    # only these roles see clients a reminder can be about (Reminder.for_user's scope)
    Panel(
        frozenset({Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.EMPLOYMENT_OFFICER}),
        "followup/_todo.html",
        todo_panel,
    ),
    Panel(frozenset({Role.SOCIAL_WORKER}), "home/social_worker.html", my_cases_panel),
    # the work-ability path: hand-overs, flagged clients, actions the user's organisation owns
    Panel(
        frozenset({Role.SOCIAL_WORKER, Role.TEAM_COORDINATOR, Role.TEAM_DOCTOR}),
        "workability/_todo.html",
        workability_panel,
    ),
    Panel(frozenset({Role.COORDINATOR}), "home/coordinator.html", capacity_panel),
    Panel(frozenset({Role.ADMIN}), "home/admin.html", organizations_panel),
    # each role opens on its work (issue 27): the privacy officer's check, the lead's report
    Panel(frozenset({Role.PRIVACY_OFFICER}), "home/privacy_officer.html", misuse_panel),
    Panel(frozenset({Role.SOCIAL_WORK_LEAD}), "home/social_work_lead.html", key_figures_panel),
)


def home_context(request: HttpRequest) -> dict:
    """The panels of the user's roles, their context merged, their clients logged once."""
    user = request.user
    today = timezone.localdate()
    # the header's count of reminders is the to-do panel's total; without that panel
    # the user has no reminders, so the page need not ask
    context: dict = {"today": today, "memberships": user.active_memberships, "reminder_count": 0}
    templates, shown = [], []
    for panel in PANELS:
        if user.roles & panel.roles:
            part = panel.build(request, user, today)
            shown += part.pop("shown_cases", [])
            context.update(part)
            templates.append(panel.template)
    log_shown(request, what="etusivu", cases=shown)
    return {**context, "home_panels": templates}

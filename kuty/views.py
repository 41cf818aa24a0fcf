import datetime

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views import i18n as i18n_views
from django.views.decorators.http import require_GET

from accounts.models import Organization, Role, Site
from clients.access import cases, log_listed
from core.access import Right, meta_of
from core.db import replica_reads
from followup import todo as followup_todo
from placements import services as placement_services
from placements.models import Placement
from plans.access import rows, to_sign_ids

from .models import Heartbeat

HOME_PLANS = 10  # the TE officer's panel: the newest plans to sign, then a link


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each role's first task: one panel per role the user holds."""
    user = request.user
    context: dict = {"today": timezone.localdate()}
    shown: list = []  # the cases whose clients this page shows: logged once, at the end
    if user.has_role(Role.SOCIAL_WORKER):
        my_cases = list(
            cases(user, Right.WORK)
            .open()
            .filter(responsible_worker=user)
            .select_related("client", "municipality", "responsible_worker")
        )
        context["my_cases"] = my_cases
        shown += my_cases
    # only these roles see clients a reminder can be about (Reminder.for_user's scope)
    reminded = user.roles & {Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.TE_OFFICER}
    reminders, total = followup_todo.first(user) if reminded else ([], 0)
    context["todo_items"] = followup_todo.items(reminders)
    context["todo_total"] = context["reminder_count"] = total  # the header's too: asked once
    shown += [reminder.case for reminder in reminders]
    if user.has_role(Role.SUPERVISOR):
        context["supervised_sites"] = Site.objects.supervised_by(user).select_related(
            "organization", "municipality"
        )
        today = context["today"]
        placements = list(
            Placement.objects.supervised_by(user)
            .filter(site__in=context["supervised_sites"], start_on__lte=today, end_on__gte=today)
            .select_related("site", "case")  # the panel shows the placement's own name
        )
        context["placements_today"] = [p for p in placements if today.isoweekday() in p.weekdays]
        context["placements_current"] = placements
        unrecorded = placement_services.week_unrecorded(placements, today)
        due = [row for row in placement_services.tt3_due(placements, today) if row["due"]]
        context["site_week"] = [
            {
                "site": site,
                "unrecorded": unrecorded.get(site.pk, 0),
                "tt3_due": [r for r in due if r["placement"].site_id == site.pk],
            }
            for site in context["supervised_sites"]
        ]
        shown += [p.case for p in placements]
    if user.has_role(Role.TE_OFFICER):
        # the first few, newest first, with a link to the paginated list: only the
        # clients shown are logged (issue 15)
        to_sign = to_sign_ids(user)
        context["plans_to_sign"] = rows(to_sign[:HOME_PLANS])
        context["plans_to_sign_total"] = to_sign.count()
        shown += [plan.case for plan in context["plans_to_sign"]]
    if user.has_role(Role.COORDINATOR):
        # An aggregate that tolerates a moment's lag: the read replica, where there is one.
        with replica_reads():
            context["capacity_by_municipality"] = list(
                Site.objects.active()
                .values("municipality__name")
                .annotate(sites=Count("id"), places=Sum("capacity"))
                .order_by("municipality__name")
            )
    if user.has_role(Role.ADMIN):
        context["administered"] = (
            Organization.objects.administered_by(user)
            .annotate(members=Count("memberships", distinct=True))
            .annotate(site_count=Count("sites", distinct=True))
        )
    context["memberships"] = user.active_memberships
    log_listed(user, shown, what="etusivu", meta=meta_of(request))
    return render(request, "home/home.html", context)


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, remembered on the user too (the digest mail's language)."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in {"fi", "sv", "en"} and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


# The accessibility statement (Act 306/2019, 15 §): when it was prepared and last
# reviewed; review it, and move the second date, whenever the automated run or a user's
# feedback finds something new.
STATEMENT_PREPARED = datetime.date(2026, 12, 2)
STATEMENT_REVIEWED = datetime.date(2026, 12, 2)


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Saavutettavuusseloste: public, no login, linked from every page's footer."""
    return render(
        request,
        "accessibility.html",
        {
            "prepared": STATEMENT_PREPARED,
            "reviewed": STATEMENT_REVIEWED,
            "feedback_email": settings.KUTY_ACCESSIBILITY_FEEDBACK_EMAIL,
        },
    )


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; our icon is a static SVG."""
    return redirect(static("kuty/favicon.svg"), permanent=True)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and compose: the database and Redis answer."""
    status: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        status["database"] = "error"
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
        status["redis"] = "ok"
    except Exception:  # noqa: BLE001
        status["redis"] = "error"
    healthy = all(value == "ok" for value in status.values())
    if healthy:
        last = Heartbeat.objects.values_list("created_at", flat=True).first()
        status["last_heartbeat"] = last.isoformat() if last else None
    return JsonResponse(status, status=200 if healthy else 503)

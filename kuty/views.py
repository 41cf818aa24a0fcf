import datetime

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views import i18n as i18n_views
from django.views.decorators.http import require_GET

from .home import home_context
from .models import Heartbeat


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each role's first task: one panel per role the user holds (kuty.home.PANELS)."""
    return render(request, "home/home.html", home_context(request))


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

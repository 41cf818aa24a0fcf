"""The error pages: 400, 403, 404, 500 and the CSRF failure.

Each says in the user's language what happened and links home, and shows nothing of the
request: no name, no id from the address, no exception text. Each writes exactly one
record to the `kuty.errors` log (status, method, path, user id) so an operator sees it.
The 500 page renders a plain template without the request context: it queries nothing,
so it still answers when the database is down.
"""

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.functional import empty
from django.utils.translation import gettext as _

from core.language import request_language

logger = logging.getLogger("kuty.errors")

MESSAGES = {
    # the API's one error shape: {"detail": …}
    400: lambda: _("Virheellinen pyyntö."),
    403: lambda: _("Sinulla ei ole oikeutta tähän toimintoon."),
    404: lambda: _("Ei löytynyt."),
    500: lambda: _(
        "Palvelussa tapahtui virhe. Virhe on kirjattu; yritä hetken kuluttua uudelleen."
    ),
}


def _log(request: HttpRequest, status: int, kind: str) -> None:
    if getattr(request, "_kuty_error_logged", False):
        # with the database down, an outer middleware fails again on the way out and
        # Django asks for the 500 page a second time: still one error, one record
        return
    request._kuty_error_logged = True
    # the user's id only if the request already knows it: finding it out would ask the
    # database, which may be what failed
    user = getattr(request, "user", None)
    known = getattr(user, "_wrapped", user)
    user_id = getattr(known, "pk", None) if known is not empty else None
    logger.warning(
        "%s %s %s %s",
        status,
        kind,
        request.method,
        request.path,
        extra={"status_code": status, "error_kind": kind, "user_id": user_id},
    )


def _answer(request: HttpRequest, status: int, kind: str, template: str) -> HttpResponse:
    _log(request, status, kind)
    with translation.override(request_language(request)):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": MESSAGES[status]()}, status=status)
        return render(request, template, {"error_kind": kind}, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _answer(request, 400, "bad_request", "400.html")


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _answer(request, 403, "permission_denied", "403.html")


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404: JSON in the API's one error shape, the page elsewhere."""
    return _answer(request, 404, "not_found", "404.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form's security check failed (an expired page, cookies off): say what to do."""
    return _answer(request, 403, "csrf_failure", "403_csrf.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """500: a plain template, no request context, no query: works with the database down."""
    _log(request, 500, "server_error")
    language = request_language(request)
    with translation.override(language):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": MESSAGES[500]()}, status=500)
        body = loader.get_template("500.html").render({"LANGUAGE_CODE": language})
    return HttpResponse(body, status=500)

"""Clients and staff never share a page: a client's session reaches only /oma/ (and the
API's /api/v1/oma/), a staff session never /oma/; anything else answers 404, as an
object out of scope does."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import Http404

CLIENT_SESSION = "oma_client"  # set at sign-in for a user with a ClientAccount
OWN_PATHS = ("/oma/", "/api/v1/oma/")
ANYONE_PATHS = ("/static/", "/i18n/", "/favicon.ico", "/healthz")


@receiver(user_logged_in)
def mark_client_session(sender, request, user, **kwargs) -> None:
    from .models import ClientAccount

    session = getattr(request, "session", None)
    if session is not None and ClientAccount.objects.filter(user_id=user.pk).exists():
        session[CLIENT_SESSION] = True
        # a client's session is short: it ends after this long without a request
        session.set_expiry(settings.OMA_IDLE_MINUTES * 60)


class SeparateClientSessionsMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if request.user.is_authenticated and not path.startswith(ANYONE_PATHS):
            is_client = bool(request.session.get(CLIENT_SESSION))
            if is_client != path.startswith(OWN_PATHS):
                raise Http404
        return self.get_response(request)

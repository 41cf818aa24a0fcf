import datetime

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation

from core.language import request_language


class FinnishFirstLocaleMiddleware(LocaleMiddleware):
    """The language the user chose (cookie), else Finnish.

    Not the browser's Accept-Language: staff often run English-language browsers, and
    kuty is Finnish first; Swedish and English are one click away in the header."""

    def process_request(self, request: HttpRequest) -> None:
        # Other systems calling the API have no cookie: their Accept-Language counts
        # (and, without it, the token's user's language: accounts.auth).
        translation.activate(request_language(request))
        request.LANGUAGE_CODE = translation.get_language()


class IdleSessionMiddleware(SessionMiddleware):
    """Django's sessions with the idle timeout renewed at most once a minute.

    SESSION_SAVE_EVERY_REQUEST wrote the session row on every request (issue 15: three
    queries and a write on every page). Here a request renews the expiry only when the
    row was last saved SESSION_RENEW_SECONDS ago or more (kuty.sessions keeps the row's
    expiry as read), so a session ends between SESSION_IDLE_MINUTES minus that and
    SESSION_IDLE_MINUTES after the last request: never later than the idle timeout."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        expiry = getattr(session, "loaded_expiry", None)  # None: not read by this request
        if expiry is not None and response.status_code < 500:
            saved_at = expiry - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
            if timezone.now() - saved_at >= datetime.timedelta(
                seconds=settings.SESSION_RENEW_SECONDS
            ):
                session.modified = True  # the parent saves it with a new expiry
        return super().process_response(request, response)

"""The language an API caller asks for (kuty's pages go by the cookie alone)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation.trans_real import parse_accept_lang_header


def api_language(request: HttpRequest) -> str | None:
    """The first of Accept-Language's languages that kuty speaks, if any."""
    spoken = dict(settings.LANGUAGES)
    for language, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = language.split("-")[0].lower()
        if code in spoken:
            return code
    return None


def request_language(request: HttpRequest) -> str:
    """The language of a request: the user's choice (the cookie); on /api/, without it,
    the caller's Accept-Language; else Finnish. (The API token's user's own language is
    applied later, by accounts.auth, once the token is known.)"""
    spoken = dict(settings.LANGUAGES)
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if code not in spoken and request.path.startswith("/api/"):
        code = api_language(request) or ""
    return code if code in spoken else settings.LANGUAGE_CODE

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from core.language import api_language


class FinnishFirstLocaleMiddleware(LocaleMiddleware):
    """The language the user chose (cookie), else Finnish.

    Not the browser's Accept-Language: staff often run English-language browsers, and
    kuty is Finnish first; Swedish and English are one click away in the header."""

    def process_request(self, request: HttpRequest) -> None:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in dict(settings.LANGUAGES) and request.path.startswith("/api/"):
            # Other systems calling the API have no cookie: their Accept-Language counts
            # (and, without it, the token's user's language: accounts.auth).
            code = api_language(request) or ""
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()

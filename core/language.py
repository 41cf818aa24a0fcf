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

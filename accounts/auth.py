"""API token authentication: django-rest-knox with kuty's two kinds of token."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from rest_framework import exceptions

from core.language import api_language

from .models import ApiToken, TokenKind


def _language_asked(request) -> bool:
    return bool(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or api_language(request))


def _refused() -> exceptions.AuthenticationFailed:
    from django.utils.translation import gettext as _

    return exceptions.AuthenticationFailed(
        _("API-tunniste on virheellinen tai vanhentunut. Pyydä uusi tunniste.")
    )


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token …`. A refused token is a 401 with `WWW-Authenticate: Token`."""

    def authenticate(self, request):
        try:
            found = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            raise _refused() from None
        if found and not _language_asked(request):
            # A system calling with a token and no language of its own hears the user's.
            translation.activate(found[0].language or settings.LANGUAGE_CODE)
        return found

    def renew_token(self, auth_token: ApiToken) -> None:
        # Only a personal token's idle time restarts with use; an integration's is fixed.
        if auth_token.kind == TokenKind.PERSONAL:
            super().renew_token(auth_token)

    def validate_user(self, auth_token: ApiToken):
        user, token = super().validate_user(auth_token)
        if not token.matches_password_of(user):
            token.delete()
            raise _refused()
        return user, token


class ApiTokenScheme(KnoxTokenScheme):
    """The OpenAPI schema's description of the scheme (drf-spectacular)."""

    target_class = ApiTokenAuthentication

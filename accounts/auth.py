"""API token authentication: django-rest-knox with kuty's two kinds of token."""

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from rest_framework import exceptions

from .models import ApiToken, TokenKind


def _refused() -> exceptions.AuthenticationFailed:
    from django.utils.translation import gettext as _

    return exceptions.AuthenticationFailed(
        _("API-tunniste on virheellinen tai vanhentunut. Pyydä uusi tunniste.")
    )


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token …`. A refused token is a 401 with `WWW-Authenticate: Token`."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            raise _refused() from None

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

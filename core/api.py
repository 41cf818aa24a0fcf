"""What every app's API shares: one error shape, and ids that are numbers."""

import math

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.exceptions import ValidationError
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from .access import Right, meta_of

# Object ids in API URLs are integers: anything else is no such object (404), never a
# database error (500).
ID_PATTERN = "[0-9]+"


def api_validation_error(error: DjangoValidationError) -> ValidationError:
    """A service's refusal as a 400 with the same messages as the pages, per field."""
    if hasattr(error, "error_dict"):
        return ValidationError(error.message_dict)
    return ValidationError({"detail": error.messages})


def _own_message(exc, context) -> str | None:
    """DRF's own refusals in our words, so they come in Finnish, Swedish and English
    like the rest (DRF's catalogs lack many of them, e.g. the CSRF failure)."""
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Kirjaudu sisään tai anna API-tunniste (Authorization: Token …).")
    if isinstance(exc, exceptions.PermissionDenied):
        if str(exc.detail).startswith("CSRF"):
            return _(
                "Lomakkeen turvatarkiste (CSRF) puuttuu tai on vanhentunut. Lataa sivu "
                "uudelleen ja yritä sitten uudelleen."
            )
        if exc.detail == exceptions.PermissionDenied.default_detail:
            return _("Sinulla ei ole oikeutta tähän toimintoon.")
    if isinstance(exc, exceptions.Throttled):
        if exc.wait:
            return _("Liian monta pyyntöä. Yritä uudelleen %(seconds)s sekunnin kuluttua.") % {
                "seconds": math.ceil(exc.wait)
            }
        return _("Liian monta pyyntöä. Yritä hetken kuluttua uudelleen.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("Menetelmä %(method)s ei ole sallittu tässä osoitteessa.") % {
            "method": context["request"].method
        }
    if isinstance(exc, exceptions.NotFound) and exc.detail == exceptions.NotFound.default_detail:
        return _("Ei löytynyt.")
    if isinstance(exc, exceptions.ParseError):
        return _("Pyynnön sisältöä ei voitu lukea: lähetä kelvollista JSONia.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Sisältötyyppiä ei tueta: lähetä JSONia (Content-Type: application/json).")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Rajapinta vastaa vain JSON-muodossa (Accept: application/json).")
    return None


def exception_handler(exc, context):
    """DRF's handler, plus: a service's Django ValidationError is a 400 in the same shape
    as a serializer's, so no viewset needs its own try/except; DRF's own refusals are
    worded in the user's language (_own_message)."""
    if isinstance(exc, DjangoValidationError):
        exc = api_validation_error(exc)
    response = drf_exception_handler(exc, context)
    message = _own_message(exc, context)
    if response is not None and message and isinstance(response.data, dict):
        response.data["detail"] = message
    return response


class Router(DefaultRouter):
    """The API's router: a detail route matches only a numeric id (or, where a viewset
    says so in `lookup_value_regex`, its own pattern)."""

    def get_lookup_regex(self, viewset, lookup_prefix: str = "") -> str:
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or getattr(viewset, "lookup_field", "pk")
        pattern = getattr(viewset, "lookup_value_regex", ID_PATTERN)
        return f"(?P<{lookup_prefix}{kwarg}>{pattern})"


class GatedObjectMixin:
    """A viewset's get_object() through its app's access gate, asking for the right the
    action needs (reading and acting are different rights): 404 out of scope, one
    access-log row. Set `gate = staticmethod(<app>.access.<kind>_gate)`."""

    gate = None
    rights: dict[str, Right] = {}
    default_right = Right.READ
    object_what = ""
    object_access = {"pdf": "pdf"}  # the access-log action of a view other than view/change

    def get_object(self):
        method = self.request.method
        access = self.object_access.get(self.action) or (
            "view" if method in ("GET", "HEAD", "OPTIONS") else "change"
        )
        return self.gate(
            self.request.user,
            self.kwargs[self.lookup_url_kwarg or self.lookup_field],
            self.rights.get(self.action, self.default_right),
            what=f"API: {self.object_what} ({self.action})",
            meta=meta_of(self.request),
            action=access,
        )

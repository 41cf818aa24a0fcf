"""What every app's API shares: one error shape, and ids that are numbers."""

import math

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.exceptions import ValidationError
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings
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
        if str(exc.detail) == str(exceptions.PermissionDenied.default_detail):
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
    if isinstance(exc, exceptions.NotFound) and str(exc.detail) == str(
        exceptions.NotFound.default_detail
    ):
        return _("Ei löytynyt.")
    if isinstance(exc, exceptions.ParseError):
        return _("Pyynnön sisältöä ei voitu lukea: lähetä kelvollista JSONia.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Sisältötyyppiä ei tueta: lähetä JSONia (Content-Type: application/json).")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Rajapinta vastaa vain JSON-muodossa (Accept: application/json).")
    return None


def field_errors(data, prefix: str = "") -> dict[str, list[str]]:
    """A serializer's nested errors as one flat mapping: "entries.3.hours" → messages."""
    if isinstance(data, dict):
        found: dict[str, list[str]] = {}
        for key, value in data.items():
            found.update(field_errors(value, f"{prefix}.{key}" if prefix else str(key)))
        return found
    if isinstance(data, list | tuple):
        if all(not isinstance(item, dict | list | tuple) for item in data):
            return {prefix: [str(item) for item in data]} if data else {}
        found = {}
        for index, item in enumerate(data):
            found.update(field_errors(item, f"{prefix}.{index}" if prefix else str(index)))
        return found
    return {prefix: [str(data)]}


NON_FIELD_KEYS = ("", "detail", api_settings.NON_FIELD_ERRORS_KEY)


def error_body(data) -> dict:
    """A refusal of bad input in the API's one error shape: the messages that concern no
    one field as `detail`, the rest per field in `errors`."""
    errors = field_errors(data)
    general = [message for key in NON_FIELD_KEYS for message in errors.pop(key, [])]
    if general:
        detail = " ".join(general)
    else:
        detail = _("Pyynnön tiedot eivät kelpaa: %(fields)s.") % {"fields": ", ".join(errors)}
    return {"detail": detail, "errors": errors}


def exception_handler(exc, context):
    """DRF's handler, in the API's one error shape — `{"detail": "…", "errors": {"field":
    ["…"]}}` (ERROR_SCHEMA, documented on every operation by document_errors) — and in the
    user's language: a service's Django ValidationError is a 400 like a serializer's, so
    no viewset needs its own try/except; DRF's own refusals are worded by _own_message."""
    if isinstance(exc, DjangoValidationError):
        exc = api_validation_error(exc)
    if isinstance(exc, Http404):
        # A gate's 404 says nothing of what was looked for (nor Django's English words).
        exc = exceptions.NotFound(_("Ei löytynyt."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        response.data = error_body(response.data)
        return response
    message = _own_message(exc, context)
    if message:
        response.data = {"detail": message}
    elif not isinstance(response.data, dict) or not isinstance(response.data.get("detail"), str):
        response.data = error_body(response.data)
    return response


ERROR_SCHEMA = {
    "type": "object",
    "description": "Virhe: `detail` on ihmiselle luettava syy käyttäjän kielellä (suomi, "
    "ruotsi tai englanti: kieliasetus, Accept-Language tai käyttäjän kieli); `errors` "
    "kertoo virheellisen syötteen viestit kentittäin (sisäkkäiset kentät pisteellä: "
    "`entries.0.hours`).",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}


def _error_statuses(path: str, method: str, operation: dict) -> dict[str, str]:
    """The refusals an operation can answer with, each worth documenting."""
    statuses = {"401": "Ei tunnistettu: kirjaudu sisään tai anna voimassa oleva API-tunniste."}
    query = any(parameter["in"] == "query" for parameter in operation.get("parameters", []))
    if method != "get" or query:
        statuses["400"] = "Pyynnön tiedot eivät kelpaa: syy kentittäin."
    if method != "get":
        # Out of scope is 404, never 403: only a session's missing CSRF check is refused so.
        statuses["403"] = "Istunnolla kirjautuneen pyynnöstä puuttuu CSRF-tarkiste."
    if (method.upper(), path) not in NEVER_404:
        # An id in the path or the body outside the user's scope, or a page past the end.
        statuses["404"] = "Ei löytynyt, tai ei käyttäjän näkyvissä."
    return statuses


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: the one error shape as the component `Error`,
    referenced from every refusal every operation can answer with."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            statuses = _error_statuses(path, method, operation)
            statuses.update(ERROR_STATUSES_OF.get((method.upper(), path), {}))
            for status, description in statuses.items():
                responses.setdefault(status, {"content": content, "description": description})
    return result


NEVER_404 = {
    ("GET", "/api/v1/me/"),
    ("POST", "/api/v1/auth/token/"),
    ("DELETE", "/api/v1/auth/token/"),
}

# Refusals only some operations make.
ERROR_STATUSES_OF = {
    ("POST", "/api/v1/auth/token/"): {
        "429": "Liian monta yritystä: odota ja yritä uudelleen (Retry-After).",
    },
}


class StrictBooleanField(forms.NullBooleanField):
    """A yes/no query filter: true/false (1/0) or absent; anything else is refused rather
    than read as "no filter" (django-filter's own reads "null" or "maybe" so)."""

    widget = forms.TextInput

    def to_python(self, value):
        text = str(value).strip().lower() if value is not None else ""
        if text == "":
            return None
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(_("Anna true tai false."), code="invalid")

    def validate(self, value) -> None:
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


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

"""The placement page gathers what later phases add to a placement (evaluations and
self-assessments from followup), as the case page does: later apps register a provider
in their AppConfig.ready; `sections` are templates of their panels."""

from collections.abc import Callable

from django.http import HttpRequest

from .models import Placement

Provider = Callable[[HttpRequest, Placement, bool], dict]
_providers: list[Provider] = []


def placement_page_provider(function: Provider) -> Provider:
    _providers.append(function)
    return function


def provided_context(request: HttpRequest, placement: Placement, supervises: bool) -> dict:
    context: dict = {"sections": []}
    for provider in _providers:
        extra = provider(request, placement, supervises)
        context["sections"].extend(extra.pop("sections", []))
        context.update(extra)
    return context

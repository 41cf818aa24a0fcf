"""The product's URLs and one more for the bench: a minimal Django view, the framework's
floor of CPU per request (issue 30). Used only by the bench (bench/pages.py sets
ROOT_URLCONF to it in its own process); the product never routes here."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

import kuty.urls

FLOOR_URL = "/bench/floor/"


def floor(request: HttpRequest) -> HttpResponse:
    """Nothing but the middleware (session, authentication, the rest) and a response."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(FLOOR_URL.strip("/") + "/", floor), *kuty.urls.urlpatterns]
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(kuty.urls, _name):
        globals()[_name] = getattr(kuty.urls, _name)

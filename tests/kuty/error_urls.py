"""kuty's own URLs and handlers, plus three views that fail on purpose (the error tests)."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from kuty import urls as kuty_urls

handler400 = kuty_urls.handler400
handler403 = kuty_urls.handler403
handler404 = kuty_urls.handler404
handler500 = kuty_urls.handler500


def bad(request, case_pk):
    raise BadRequest(f"Henkilötunnus 010190-900X of case {case_pk} is malformed")


def denied(request, case_pk):
    raise PermissionDenied(f"Meikäläinen case {case_pk}")


def broken(request, case_pk):
    raise RuntimeError(f"Meikäläinen Maija, case {case_pk}")


urlpatterns = [
    path("virhe/400/<int:case_pk>/", bad),
    path("virhe/403/<int:case_pk>/", denied),
    path("virhe/500/<int:case_pk>/", broken),
    *kuty_urls.urlpatterns,
]

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from accounts.forms import LoginForm, QueuedPasswordResetForm

from . import views

handler400 = "kuty.errors.bad_request"
handler403 = "kuty.errors.permission_denied"
handler404 = "kuty.errors.not_found"
handler500 = "kuty.errors.server_error"

admin.site.site_header = "kuty"
admin.site.site_title = "kuty"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("saavutettavuus/", views.accessibility_statement, name="accessibility"),
    path("", include("clients.urls")),
    path("", include("plans.urls")),
    path("", include("decisions.urls")),
    path("", include("placements.urls")),
    path("", include("followup.urls")),
    path("", include("reports.urls")),
    path("", include("national.urls")),
    path("", include("workability.urls")),
    path("", include("oma.urls")),
    path(
        "kirjaudu/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("kirjaudu-ulos/", auth_views.LogoutView.as_view(), name="logout"),
    path("salasana/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "salasana/vaihdettu/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "salasana/unohtui/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "salasana/unohtui/lahetetty/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "salasana/uusi/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "salasana/uusi/valmis/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("hallinta/", admin.site.urls),
    path("api/v1/", include("kuty.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/",
        # the bundled Swagger UI page has one inline <style>: allowed by nonce, here only
        csp_update({"style-src": [NONCE]})(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="swagger-ui",
    ),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]

"""/api/v1/oma/: the client's own operations (issue 24)."""

from django.urls import path

from . import api

urlpatterns = [
    path("plans/<int:pk>/", api.OwnPlanDetail.as_view(), name="oma-plan-detail"),
    path("plans/<int:pk>/sign/", api.OwnPlanSign.as_view(), name="oma-plan-sign"),
    path("consents/", api.OwnConsentList.as_view(), name="oma-consent-list"),
    path(
        "consents/<int:pk>/withdraw/", api.OwnConsentWithdraw.as_view(), name="oma-consent-withdraw"
    ),
    path("access-log/", api.OwnAccessLog.as_view(), name="oma-access-log"),
]

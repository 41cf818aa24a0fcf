from django.urls import path

from . import views

app_name = "oma"

urlpatterns = [
    path("oma/", views.home, name="home"),
    path("oma/kirjaudu/", views.signin, name="signin"),
    path("oma/kirjaudu/aloita/", views.SignInStart.as_view(), name="signin_start"),
    path("oma/kirjaudu/paluu/", views.SignInCallback.as_view(), name="signin_callback"),
    path("oma/kirjaudu-ulos/", views.signout, name="signout"),
    path("oma/uloskirjautunut/", views.signed_out, name="signed_out"),
    path("oma/suunnitelmat/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("oma/suunnitelmat/<int:pk>/allekirjoita/", views.plan_sign, name="plan_sign"),
    path("oma/suostumukset/", views.consent_list, name="consent_list"),
    path("oma/suostumukset/<int:pk>/peru/", views.consent_withdraw, name="consent_withdraw"),
    path("oma/kasittelyt/", views.processing_log, name="processing_log"),
    path("oma/kasittelyt.pdf", views.processing_log_pdf, name="processing_log_pdf"),
    path("oma/paivat/", views.my_days, name="days"),
    path("oma/itsearvio/<int:pk>/", views.self_assessment, name="self_assessment"),
    path("oma/paatokset/", views.decision_list, name="decision_list"),
    path("oma/paatokset/<int:pk>/pdf/", views.decision_pdf, name="decision_pdf"),
]

from django.urls import path

from . import views

app_name = "clients"

urlpatterns = [
    path("asiakkuudet/", views.case_list, name="case_list"),
    path("asiakkuudet/haku/", views.case_search, name="case_search"),
    path("asiakkuudet/uusi/", views.case_open, name="case_open"),
    path("asiakkuudet/<int:pk>/", views.case_detail, name="case_detail"),
    path("asiakkuudet/<int:pk>/suostumukset/uusi/", views.consent_create, name="consent_create"),
    path(
        "asiakkuudet/<int:pk>/suostumukset/<int:consent_pk>/peru/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("asiakkuudet/<int:pk>/oikeudet/", views.grants, name="grants"),
    path("asiakkuudet/<int:pk>/uusi-jakso/", views.case_next_period, name="case_next_period"),
    path("asiakkuudet/<int:pk>/avattu/", views.case_opened_on, name="case_opened_on"),
    path(
        "asiakkuudet/<int:pk>/oikeudet/<int:grant_pk>/jatka/",
        views.grant_renew,
        name="grant_renew",
    ),
    path(
        "asiakkuudet/<int:pk>/oikeudet/<int:grant_pk>/peru/",
        views.grant_revoke,
        name="grant_revoke",
    ),
    path("asiakkuudet/<int:pk>/lokiraportti/", views.log_report, name="log_report"),
    path("asiakkuudet/<int:pk>/lokiraportti.pdf", views.log_report_pdf, name="log_report_pdf"),
    path("asiakkuudet/<int:pk>/tiedot.json", views.export_json, name="export_json"),
    path("asiakkuudet/<int:pk>/tiedot.pdf", views.export_pdf, name="export_pdf"),
    path("asiakkuudet/<int:pk>/liitteet/uusi/", views.attachment_add, name="attachment_add"),
    path(
        "asiakkuudet/<int:pk>/liitteet/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("asiakkuudet/<int:pk>/ohjautuminen/", views.referral_create, name="referral_create"),
    path("asiakkuudet/<int:pk>/tapaamiset/uusi/", views.meeting_create, name="meeting_create"),
    path("asiakkuudet/<int:pk>/omatyontekija/", views.change_worker, name="change_worker"),
    path("tietosuoja/vaarinkaytto/", views.misuse_check, name="misuse_check"),
]

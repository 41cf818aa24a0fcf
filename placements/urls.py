from django.urls import path

from . import notice_views, views

app_name = "placements"

urlpatterns = [
    path("palveluhakemisto/", views.directory, name="directory"),
    path("palveluhakemisto/<int:site_pk>/", views.site_detail, name="site_detail"),
    path("palveluhakemisto/<int:site_pk>/muokkaa/", views.site_entry_edit, name="site_entry_edit"),
    path(
        "palveluhakemisto/<int:site_pk>/sulkupaivat/",
        views.site_closure_add,
        name="site_closure_add",
    ),
    path(
        "palveluhakemisto/<int:site_pk>/sulkupaivat/<int:closure_pk>/poista/",
        views.site_closure_remove,
        name="site_closure_remove",
    ),
    path(
        "palveluhakemisto/<int:site_pk>/oikeudet/", views.site_right_grant, name="site_right_grant"
    ),
    path(
        "palveluhakemisto/<int:site_pk>/oikeudet/<int:user_pk>/peru/",
        views.site_right_revoke,
        name="site_right_revoke",
    ),
    path(
        "tyotoiminta/yksikko/<int:site_pk>/viikko/", views.attendance_week, name="attendance_week"
    ),
    path(
        "asiakkuudet/<int:pk>/paatokset/<int:decision_pk>/ilmoitus/",
        views.notice_send,
        name="notice_send",
    ),
    path("tyotoiminta/yksikko/<int:site_pk>/sulkupaiva/", views.closure_add, name="closure_add"),
    path("tyotoiminta/<int:placement_pk>/tiedot/", views.placement_update, name="placement_update"),
    path("tyotoiminta/yksikko/<int:site_pk>/tt3/", views.tt3_list, name="tt3_list"),
    path(
        "tyotoiminta/yksikko/<int:site_pk>/ilmoitukset/",
        notice_views.notices_page,
        name="notices",
    ),
    path(
        "tyotoiminta/yksikko/<int:site_pk>/ilmoitukset.pdf",
        notice_views.notices_pdf,
        name="notices_pdf",
    ),
    path(
        "tyotoiminta/yksikko/<int:site_pk>/ilmoitukset/lahetetty/",
        notice_views.notices_mark_sent,
        name="notices_mark_sent",
    ),
    path(
        "tyotoiminta/ilmoitukset/<int:notice_pk>/peru/",
        notice_views.notice_undo,
        name="notice_undo",
    ),
    path("tyotoiminta/yksikko/<int:site_pk>/kuukausi/", views.monthly, name="monthly"),
    path("tyotoiminta/<int:placement_pk>/tt3.pdf", views.tt3_pdf, name="tt3_pdf"),
    path("tyotoiminta/<int:placement_pk>/tt3.csv", views.tt3_csv, name="tt3_csv"),
    path(
        "tyotoiminta/<int:placement_pk>/tt3/lahetetty/", views.tt3_mark_sent, name="tt3_mark_sent"
    ),
    path("tyotoiminta/<int:placement_pk>/", views.placement_detail, name="placement_detail"),
    path("tyotoiminta/<int:placement_pk>/ilmoitus.pdf", views.notice_pdf, name="notice_pdf"),
]

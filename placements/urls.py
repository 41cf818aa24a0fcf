from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path("palveluhakemisto/", views.directory, name="directory"),
    path(
        "tyotoiminta/yksikko/<int:site_pk>/viikko/", views.attendance_week, name="attendance_week"
    ),
    path(
        "asiakkuudet/<int:pk>/paatokset/<int:decision_pk>/ilmoitus/",
        views.notice_send,
        name="notice_send",
    ),
    path("tyotoiminta/<int:placement_pk>/", views.placement_detail, name="placement_detail"),
    path("tyotoiminta/<int:placement_pk>/ilmoitus.pdf", views.notice_pdf, name="notice_pdf"),
]

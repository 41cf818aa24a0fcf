from django.urls import path

from . import views

app_name = "decisions"

case = "asiakkuudet/<int:pk>/paatokset/"
one = case + "<int:decision_pk>/"

urlpatterns = [
    path("paatokset/", views.decision_list, name="decision_list"),
    path(case + "uusi/", views.decision_edit, name="decision_create"),
    path(case + "uusi/tarkista/", views.decision_check, name="decision_check_new"),
    path(one, views.decision_detail, name="decision_detail"),
    path(one + "muokkaa/", views.decision_edit, name="decision_edit"),
    path(one + "muokkaa/tarkista/", views.decision_check, name="decision_check"),
    path(one + "vahvista/", views.decision_confirm, name="decision_confirm"),
    path(one + "tee/", views.decision_make, name="decision_make"),
    path(one + "tiedoksianto/", views.decision_notify, name="decision_notify"),
    path(one + "korvaa/", views.decision_replace, name="decision_replace"),
    path(one + "paatos.pdf", views.decision_pdf, name="decision_pdf"),
    path(one + "paattaminen/", views.ending_create, name="ending_create"),
    path(one + "paattaminen/muokkaa/", views.ending_edit, name="ending_edit"),
]

from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path(
        "asiakkuudet/<int:pk>/arvioinnit/uusi/", views.evaluation_create, name="evaluation_create"
    ),
    path(
        "tyotoiminta/<int:placement_pk>/arvioinnit/uusi/",
        views.evaluation_create,
        name="placement_evaluation_create",
    ),
    path("arvioinnit/<int:evaluation_pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("asiakkuudet/<int:pk>/itsearviot/uusi/", views.capacity_create, name="capacity_create"),
    path(
        "tyotoiminta/<int:placement_pk>/itsearviot/uusi/",
        views.capacity_create,
        name="placement_capacity_create",
    ),
    path("asiakkuudet/<int:pk>/tarkistukset/uusi/", views.review_create, name="review_create"),
    path("asiakkuudet/<int:pk>/paattaminen/", views.closure_create, name="closure_create"),
    path("paattamiset/<int:closure_pk>/yhteenveto.pdf", views.closure_pdf, name="closure_pdf"),
    path("muistutukset/<int:reminder_pk>/tehty/", views.reminder_done, name="reminder_done"),
    path("muistutukset/<int:reminder_pk>/ohita/", views.reminder_dismiss, name="reminder_dismiss"),
]

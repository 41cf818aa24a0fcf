from django.urls import path

from . import views

app_name = "national"

urlpatterns = [
    path("omat-tiedot/", views.my_page, name="my_page"),
    path("omat-tiedot/kalenteri/uusi/", views.calendar_address_new, name="calendar_address_new"),
    path(
        "omat-tiedot/kalenteri/poista/",
        views.calendar_address_revoke,
        name="calendar_address_revoke",
    ),
    path("kalenteri/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("palveluhakemisto/<int:site_pk>/ptv/", views.site_ptv, name="site_ptv"),
    path("palveluhakemisto/<int:site_pk>/ptv.json", views.site_ptv_export, name="site_ptv_export"),
]

from django.urls import include, path

from . import views

urlpatterns = [
    path("tunnistaudu/", views.choose_person, name="choose_person"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]

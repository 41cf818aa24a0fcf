from django.urls import path

from . import views

app_name = "workability"

urlpatterns = [
    path("tyokyky/", views.path_list, name="path_list"),
    path("tyokyky/asiakkaat/<int:client_pk>/uusi/", views.path_open, name="path_open"),
    path("tyokyky/asiakkaat/<int:client_pk>/kriteerit/", views.flag_evaluate, name="flag_evaluate"),
    path("tyokyky/<int:pk>/", views.path_detail, name="path_detail"),
    path("tyokyky/<int:pk>/lisaa/<slug:part>/", views.part_add, name="part_add"),
    path("tyokyky/<int:pk>/vaihto/", views.handover_propose, name="handover_propose"),
    path("tyokyky/<int:pk>/paata/", views.path_end, name="path_end"),
    path("tyokyky/<int:pk>/verkostotapaaminen/", views.meeting_add, name="meeting_add"),
    path("tyokyky/toimenpiteet/<int:pk>/tehty/", views.action_done, name="action_done"),
    path("tyokyky/vaihdot/<int:pk>/hyvaksy/", views.handover_accept, name="handover_accept"),
    path("tyokyky/kriteerit/", views.flag_list, name="flag_list"),
    path("tyokyky/kriteerit/<int:pk>/", views.flag_detail, name="flag_detail"),
]

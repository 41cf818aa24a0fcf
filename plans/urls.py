from django.urls import path

from . import views

app_name = "plans"

case = "asiakkuudet/<int:pk>/"
plan = case + "suunnitelmat/<int:plan_pk>/"

urlpatterns = [
    path(case + "arviointi/uusi/", views.assessment_create, name="assessment_create"),
    path(case + "asiakassuunnitelma/uusi/", views.client_plan_create, name="client_plan_create"),
    path(
        case + "tyollistymissuunnitelma/uusi/",
        views.employment_plan_create,
        name="employment_plan_create",
    ),
    path(case + "etuudet/uusi/", views.benefit_create, name="benefit_create"),
    path(case + "vaihe/", views.case_phase, name="case_phase"),
    path(case + "suunnitelmat/uusi/", views.plan_create, name="plan_create"),
    path(plan, views.plan_detail, name="plan_detail"),
    path(plan + "muokkaa/", views.plan_edit, name="plan_edit"),
    path(plan + "allekirjoita/", views.plan_sign, name="plan_sign"),
    path(plan + "uusi-versio/", views.plan_renew, name="plan_renew"),
    path(plan + "keskeytys/", views.plan_interrupt, name="plan_interrupt"),
    path("suunnitelmat/allekirjoitettavat/", views.plans_to_sign, name="plans_to_sign"),
]

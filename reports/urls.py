from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("raportit/alue/", views.regional, name="regional"),
    path("raportit/alue.csv", views.regional_csv, name="regional_csv"),
    path("raportit/alue.xlsx", views.regional_xlsx, name="regional_xlsx"),
    path("raportit/alue.pdf", views.regional_pdf, name="regional_pdf"),
]

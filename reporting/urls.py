from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:section>/", views.section, name="section"),
    path("<slug:section>/export.csv", views.export, name="export"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

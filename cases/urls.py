from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.detail, name="detail"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

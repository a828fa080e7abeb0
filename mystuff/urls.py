from django.urls import path

from mystuff import views

app_name = "mystuff"

urlpatterns = [
    path("", views.home, name="home"),
    path("item/<int:pk>/", views.item, name="item"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

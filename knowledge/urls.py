from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.home, name="home"),
    path("item/<int:item_id>/", views.journey, name="journey"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

from django.urls import path

from channels_routing import views

app_name = "channels_routing"

urlpatterns = [
    path("", views.home, name="home"),
    path("choose/", views.choose, name="choose"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.home, name="home"),
    path("<str:target>/<int:pk>/", views.give, name="give"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

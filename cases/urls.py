from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    # "<int:pk>/" (detail) and "<int:pk>/message/" (message): the case page, composed with
    # feedback in pages/urls.py.
    path("<int:pk>/solved/", views.solved, name="solved"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

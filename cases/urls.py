from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/message/", views.message, name="message"),
    path("<int:pk>/solved/", views.solved, name="solved"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

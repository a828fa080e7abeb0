from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("<int:pk>/choose/", views.choose, name="choose"),
]

from django.urls import path

from live import views

app_name = "live"

urlpatterns = [
    path("chat/<int:pk>/", views.chat, name="chat"),
    path("desk/", views.desk, name="desk"),
    path("desk/chat/<int:pk>/", views.desk_chat, name="desk_chat"),
    path("cases/<int:pk>/", views.case, name="cases"),
    path("guest/case/<str:token>/", views.guest_case, name="guest_case"),
]

from django.urls import path, re_path

from channels_routing import api, views

app_name = "channels_routing"

urlpatterns = [
    path("", views.home, name="home"),
    path("choose/", views.choose, name="choose"),
    path("<int:pk>/message/", views.message, name="message"),
    path("<int:pk>/sent/", views.sent, name="sent"),
    path("<int:pk>/phone/", views.phone, name="phone"),
    path("<int:pk>/callback/", views.callback, name="callback"),
    path("<int:pk>/callback/booked/", views.callback_booked, name="callback_booked"),
    path("<int:pk>/callback/change/", views.callback_change, name="callback_change"),
    path("<int:pk>/callback/cancel/", views.callback_cancel, name="callback_cancel"),
    path("<int:pk>/chat/", views.chat, name="chat"),
    path("<int:pk>/chat/send/", views.chat_send, name="chat_send"),
    path("<int:pk>/chat/leave/", views.chat_leave, name="chat_leave"),
    path("<int:pk>/chat/typing/", views.chat_typing, name="chat_typing"),
    path("<int:pk>/chat/leftover/", views.chat_leftover, name="chat_leftover"),
    path("guest/", views.guest_start, name="guest_start"),
    path("guest/confirm/", views.guest_confirm, name="guest_confirm"),
    path("guest/message/", views.guest_message, name="guest_message"),
    path("guest/callback/", views.guest_callback, name="guest_callback"),
    path("guest/case/<str:token>/", views.guest_case, name="guest_case"),
    path(
        "guest/case/<str:token>/callback/change/",
        views.guest_callback_change,
        name="guest_callback_change",
    ),
    path(
        "guest/case/<str:token>/callback/cancel/",
        views.guest_callback_cancel,
        name="guest_callback_cancel",
    ),
    path("desk/", views.desk, name="desk"),
    path("desk/presence/", views.desk_presence, name="desk_presence"),
    path("desk/chat/<int:pk>/", views.desk_chat, name="desk_chat"),
    path("desk/chat/<int:pk>/send/", views.desk_chat_send, name="desk_chat_send"),
    path("desk/chat/<int:pk>/end/", views.desk_chat_end, name="desk_chat_end"),
    path("desk/chat/<int:pk>/typing/", views.desk_chat_typing, name="desk_chat_typing"),
    path("desk/chat/<int:pk>/leftover/", views.desk_chat_leftover, name="desk_chat_leftover"),
    path("desk/callback/<int:pk>/", views.desk_callback, name="desk_callback"),
    path("desk/call/<int:pk>/link/", views.desk_call_link, name="desk_call_link"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns = [
    # Zammad documents its CTI URL without the trailing slash: both forms answer, with no
    # redirect (a redirect loses a POST body).
    re_path(r"^cti/(?P<token>[^/]+)/?$", api.cti, name="cti"),
    # "mime" in the URL makes Mailgun forward the raw message (django-anymail reads it).
    path("email/mailgun/inbound_mime/", views.mailgun_inbound, name="mailgun_inbound"),
    path("cti/", api.cti_header, name="cti_header"),
]

from django.urls import path

from mystuff import api, views

app_name = "mystuff"

urlpatterns = [
    path("", views.home, name="home"),
    path("item/<int:pk>/", views.item, name="item"),
    path("my-data/", views.my_data, name="data"),
    path("my-data/download/", views.my_data_download, name="data_download"),
    path("my-data/erase/", views.my_data_erase, name="data_erase"),
]

# Mounted under /api/v1/ by contact_portal.urls (namespace "mystuff_api").
api_urlpatterns: list = [
    path("customers/", api.customer_upsert, name="customer_upsert"),
    path("customers/bulk/", api.customer_bulk, name="customer_bulk"),
    path("items/", api.item_upsert, name="item_upsert"),
    path("items/bulk/", api.item_bulk, name="item_bulk"),
    path("docs/", views.api_docs, name="docs"),
]

from django.urls import path

from mystuff import api, views

# My Stuff's pages (namespace "mystuff") compose cases and notices: pages/urls.py.

# Mounted under /api/v1/ by contact_portal.urls (namespace "mystuff_api").
api_urlpatterns: list = [
    path("customers/", api.customer_upsert, name="customer_upsert"),
    path("customers/bulk/", api.customer_bulk, name="customer_bulk"),
    path("items/", api.item_upsert, name="item_upsert"),
    path("items/bulk/", api.item_bulk, name="item_bulk"),
    path("docs/", views.api_docs, name="docs"),
]

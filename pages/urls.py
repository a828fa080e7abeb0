"""The composed pages' addresses, in the namespaces of the apps whose pages they are (so every
``{% url 'mystuff:home' %}`` stays as it was); contact_portal/urls.py mounts them."""

from django.urls import path

from pages import cases, knowledge, mystuff

mystuff_urlpatterns = [
    path("", mystuff.home, name="home"),
    path("item/<int:pk>/", mystuff.item, name="item"),
    path("my-data/", mystuff.my_data, name="data"),
    path("my-data/download/", mystuff.my_data_download, name="data_download"),
    path("my-data/erase/", mystuff.my_data_erase, name="data_erase"),
]

cases_urlpatterns = [
    path("<int:pk>/", cases.detail, name="detail"),
    path("<int:pk>/message/", cases.message, name="message"),
]

# First in the "knowledge" namespace: before any of knowledge's own patterns could match them.
knowledge_urlpatterns = [
    path("item/<int:item_id>/", knowledge.journey, name="journey"),
    path("gaps/", knowledge.gaps, name="gaps"),
    path("gaps/cases/<int:case_id>/draft/", knowledge.draft_from_case, name="draft_from_case"),
]

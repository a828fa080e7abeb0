from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.home, name="home"),
    path("suggest/", views.suggest, name="suggest"),
    # "item/<int:item_id>/" (journey), "gaps/" (gaps) and "gaps/cases/<int:case_id>/draft/"
    # (draft_from_case) compose other apps: pages/urls.py.
    path("item/<int:item_id>/do/<slug:slug>/", views.reason_action, name="reason_action"),
    path("topics/<slug:topic>/", views.topic, name="topic"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("articles/<slug:slug>/solved/", views.article_solved, name="article_solved"),
    path("community/", views.community, name="community"),
    path("community/ask/", views.ask, name="ask"),
    path("community/<int:pk>/", views.question, name="question"),
    path("community/<int:pk>/answer/", views.answer, name="answer"),
    path("community/<int:pk>/solved/", views.question_solved, name="question_solved"),
    path("community/<int:pk>/report/", views.report, name="report"),
    path("community/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("community/answers/<int:pk>/accept/", views.accept, name="accept"),
    path("community/answers/<int:pk>/vote/", views.vote, name="vote"),
    path("gaps/<int:pk>/write/", views.gap_write, name="gap_write"),
]

# Mounted under /api/v1/ by contact_portal.urls.
api_urlpatterns: list = []

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from cases import urls as cases_urls
from channels_routing import urls as channels_urls
from contact_portal import accounts, views
from feedback import urls as feedback_urls
from knowledge import urls as knowledge_urls
from live import urls as live_urls
from mystuff import urls as mystuff_urls
from pages import urls as pages_urls
from reporting import urls as reporting_urls

api_patterns = [
    path("", include((mystuff_urls.api_urlpatterns, "mystuff_api"))),
    path("", include((knowledge_urls.api_urlpatterns, "knowledge_api"))),
    path("", include((cases_urls.api_urlpatterns, "cases_api"))),
    path("", include((channels_urls.api_urlpatterns, "channels_api"))),
    path("", include((feedback_urls.api_urlpatterns, "feedback_api"))),
]

# Models that moved to another app (their tables and rows kept) keep their old admin addresses:
# bookmarks and links in old emails land on the same pages.
MOVED_ADMIN = {
    "contact_portal/auditlog": "core/auditlog",
    "channels_routing/contact": "cases/contact",
    "knowledge/contactreason": "mystuff/contactreason",
}
moved_admin = re_path(
    r"^admin/(?P<old>{})/(?P<rest>.*)$".format("|".join(MOVED_ADMIN)),
    views.moved_admin,
    name="moved_admin",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics, name="metrics"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    # Before the admin's own: staff sign in on the one sign-in page, through its limits.
    path("admin/login/", accounts.admin_login, name="admin_login"),
    moved_admin,
    path("admin/", admin.site.urls),
    path(
        "help/",
        include((pages_urls.knowledge_urlpatterns + knowledge_urls.urlpatterns, "knowledge")),
    ),
    path("my-stuff/", include((pages_urls.mystuff_urlpatterns, "mystuff"))),
    path("cases/", include((cases_urls.urlpatterns + pages_urls.cases_urlpatterns, "cases"))),
    path("contact/", include(channels_urls)),
    path("feedback/", include(feedback_urls)),
    path("live/", include(live_urls)),
    path("reports/", include(reporting_urls)),
    path("notices/", include("notices.urls")),
    path("api/v1/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
]

if settings.BENCH_VIEWS:
    from contact_portal import bench_views

    urlpatterns += [
        path("bench/bare/", bench_views.bare),
        path("bench/one-query/", bench_views.one_query),
    ]

handler403 = "contact_portal.views.permission_denied"
handler500 = "contact_portal.views.server_error"

# MEDIA_ROOT is never served, not even in development: attachments open only through the
# views that check who is asking (the case page's and the admin's).

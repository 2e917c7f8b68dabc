from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kopbal.comments import urls as comments_urls
from kopbal.football import urls as football_urls
from kopbal.liveblogs import urls as liveblogs_urls
from kopbal.news import routing
from kopbal.news import urls as news_urls
from kopbal.polls import urls as polls_urls
from kopbal.search import urls as search_urls
from kopbal.seo import urls as seo_urls
from kopbal.stats import urls as stats_urls
from kopbal.transfers import urls as transfers_urls
from kopbal.users import urls as users_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(news_urls)),
    path("", include(football_urls)),
    path("peilingen/", include(polls_urls)),
    path("stats/", include(stats_urls)),
    path("", include(search_urls)),
    path("", include(seo_urls)),
    path("", include(users_urls)),
    path("accounts/", include("allauth.urls")),
    path("reacties/", include(comments_urls)),
    path("", include(liveblogs_urls)),
    path("", include(transfers_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's serve with cheaper lookups for articles (kopbal/news/routing.py), then the
    # rest of Wagtail's URLs (its `wagtail_serve` name still builds page URLs).
    re_path(r"^((?:[\w\-]+/)*)$", routing.serve, name="kopbal_serve"),
    path("", include(wagtail_urls)),
]

handler400 = "kopbal.core.views.bad_request"
handler403 = "kopbal.core.views.permission_denied"
handler404 = "kopbal.core.views.page_not_found"
handler500 = "kopbal.core.views.server_error"

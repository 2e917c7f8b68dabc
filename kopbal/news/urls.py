from django.urls import path

from . import views
from .feeds import ArticleFeed, AuthorFeed, SectionFeed, feed_urls

app_name = "news"

urlpatterns = [
    path("archief/", views.archive, name="archive"),
    path("auteurs/<slug:slug>/", views.author_detail, name="author"),
    *feed_urls("feeds/", ArticleFeed, "feed"),
    *feed_urls("feeds/rubriek/<slug:slug>/", SectionFeed, "section-feed"),
    *feed_urls("auteurs/<slug:slug>/", AuthorFeed, "author-feed"),
]

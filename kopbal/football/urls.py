from django.urls import path

from kopbal.news.feeds import feed_urls

from . import views
from .feeds import ClubFeed, PersonFeed

app_name = "football"

urlpatterns = [
    path("clubs/", views.club_index, name="club-index"),
    path("clubs/<slug:slug>/", views.club_detail, name="club"),
    path("clubs/<slug:slug>/volgen/", views.follow_club, name="follow"),
    path("clubs/<slug:slug>/niet-meer-volgen/", views.unfollow_club, name="unfollow"),
    *feed_urls("clubs/<slug:slug>/", ClubFeed, "club-feed"),
    path("personen/<slug:slug>/", views.person_detail, name="person"),
    *feed_urls("personen/<slug:slug>/", PersonFeed, "person-feed"),
    path("mijn-clubs/", views.my_clubs, name="my-clubs"),
]

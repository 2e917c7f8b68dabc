from django.urls import path

from kopbal.news.feeds import feed_urls

from . import views
from .feeds import TransferEventsFeed, TransferFeed

app_name = "transfers"

# Not under /transfers/: that is the Transfers section's page.
urlpatterns = [
    path("transferperiode/", views.window, name="current"),
    path("transferperiode/<int:year>/<str:season>/", views.window, name="window"),
    *feed_urls("transferperiode/", TransferEventsFeed, "feed"),
    path("transfer/<int:pk>-<slug:slug>/", views.detail, name="detail"),
    *feed_urls("transfer/<int:pk>-<slug:slug>/", TransferFeed, "transfer-feed"),
]

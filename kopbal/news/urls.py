from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("archief/", views.archive, name="archive"),
    path("auteurs/<slug:slug>/", views.author_detail, name="author"),
]

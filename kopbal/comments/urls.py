from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("status/", views.state, name="state"),
    path("artikel/<int:page_id>/", views.comment_list, name="list"),
    path("artikel/<int:page_id>/schrijven/", views.compose, name="compose"),
    path("<int:pk>/", views.thread, name="thread"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/verwijderen/", views.delete, name="delete"),
    path("<int:pk>/like/", views.like, name="like"),
    path("<int:pk>/melden/", views.report, name="report"),
]

from django.urls import path

from . import views

app_name = "liveblogs"

urlpatterns = [
    path("liveblog/<int:pk>/updates/", views.updates, name="updates"),
]

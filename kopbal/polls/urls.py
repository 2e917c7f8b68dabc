from django.urls import path

from . import views

app_name = "polls"

urlpatterns = [
    path("stand/", views.state, name="state"),
    path("<int:poll_id>/", views.detail, name="detail"),
    path("<int:poll_id>/stem/", views.vote, name="vote"),
]

from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("v/<int:page_id>/", views.view_beacon, name="view"),
]

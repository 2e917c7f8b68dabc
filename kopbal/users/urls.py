from django.urls import path

from . import views

app_name = "users"

urlpatterns = [
    path("lezers/ik/", views.me, name="me"),
    path("lezers/<int:pk>/", views.profile, name="profile"),
    path("accounts/profiel/", views.account, name="account"),
]

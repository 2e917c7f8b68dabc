from django.urls import path

from . import admin_views

app_name = "liveblogs_admin"

urlpatterns = [
    path("<int:page_id>/", admin_views.EditorView.as_view(), name="editor"),
    path("<int:page_id>/afsluiten/", admin_views.close_blog, name="close"),
    path("<int:page_id>/update/<int:entry_id>/", admin_views.EntryEditView.as_view(), name="edit"),
    path("<int:page_id>/update/<int:entry_id>/artikel/", admin_views.promote_entry, name="promote"),
    path(
        "<int:page_id>/update/<int:entry_id>/<slug:action>/",
        admin_views.entry_action,
        name="action",
    ),
]

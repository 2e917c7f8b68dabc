"""The live blog editor in the Wagtail admin: one screen with the entry form on top and the
entries below, each with its actions. Posting never leaves the screen (post, redirect back,
the form is empty again and focused)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import actions
from .conf import setting
from .forms import EntryForm
from .models import LiveBlogEntry, LiveBlogPage


def _blog_for(request: HttpRequest, page_id: int) -> LiveBlogPage:
    """The blog, if this user may edit it (403 otherwise, 404 for no such blog)."""
    blog = get_object_or_404(LiveBlogPage, pk=page_id)
    if not blog.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return blog


def _validation_messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def editor_url(blog: LiveBlogPage) -> str:
    return reverse("liveblogs_admin:editor", args=[blog.pk])


class BlogMixin(WagtailAdminTemplateMixin):
    header_icon = "time"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.blog = _blog_for(request, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.blog.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_explore", args=[self.blog.get_parent().pk]),
                "label": self.blog.get_parent().title,
            },
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.blog.pk]),
                "label": self.blog.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]


class EditorView(BlogMixin, TemplateView):
    """The fast form and the entries, newest first (deleted ones too, to restore them)."""

    template_name = "liveblogs_admin/editor.html"
    page_title = gettext_lazy("Liveblog schrijven")

    def get_context_data(self, form: EntryForm | None = None, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        entries = (
            LiveBlogEntry.objects.filter(blog=self.blog)
            .select_related("author", "promoted_to")
            .order_by("-posted_at", "-pk")
        )
        page_obj = Paginator(entries, setting("KOPBAL_LIVEBLOG_ADMIN_PAGE_SIZE")).get_page(
            self.request.GET.get("p")
        )
        context.update(
            blog=self.blog,
            form=form or EntryForm(for_user=self.request.user),
            page_obj=page_obj,
            live_url=self.blog.get_url(self.request) if self.blog.live else "",
            can_publish=self.blog.permissions_for_user(self.request.user).can_publish(),
            transfers_enabled=_transfers_enabled(),
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = EntryForm(request.POST, for_user=request.user)
        if form.is_valid():
            try:
                entry = actions.do_post_entry(self.blog, form.entry_data(), author=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Update geplaatst om %(time)s.")
                    % {"time": timezone.localtime(entry.posted_at).strftime("%H:%M")},
                )
                return redirect(editor_url(self.blog))
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _add_errors(form: EntryForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _transfers_enabled() -> bool:
    from django.apps import apps

    return apps.is_installed("kopbal.transfers")


class EntryEditView(BlogMixin, TemplateView):
    template_name = "liveblogs_admin/entry_edit.html"
    page_title = gettext_lazy("Update aanpassen")

    def get_entry(self) -> LiveBlogEntry:
        return get_object_or_404(LiveBlogEntry, blog=self.blog, pk=self.kwargs["entry_id"])

    def get_context_data(self, form: EntryForm | None = None, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        entry = self.get_entry()
        context.update(
            blog=self.blog,
            entry=entry,
            form=form or EntryForm(instance=entry, for_user=self.request.user),
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        entry = self.get_entry()
        form = EntryForm(request.POST, instance=entry, for_user=request.user)
        if form.is_valid():
            data = form.entry_data()
            entry.refresh_from_db()  # the form wrote its values on the instance already
            try:
                actions.do_edit_entry(entry, data, editor=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Update aangepast."))
                return redirect(editor_url(self.blog) + f"#entry-{entry.pk}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


ENTRY_ACTIONS = {
    "pin": (lambda e, u: actions.do_pin_entry(e, True), gettext_lazy("Update vastgepind.")),
    "unpin": (lambda e, u: actions.do_pin_entry(e, False), gettext_lazy("Update losgemaakt.")),
    "key": (
        lambda e, u: actions.do_mark_key_event(e, True),
        gettext_lazy("Update is nu een sleutelmoment."),
    ),
    "unkey": (
        lambda e, u: actions.do_mark_key_event(e, False),
        gettext_lazy("Update is geen sleutelmoment meer."),
    ),
    "delete": (
        lambda e, u: actions.do_delete_entry(e),
        gettext_lazy("Update verwijderd. Je kunt hem herstellen."),
    ),
    "restore": (lambda e, u: actions.do_restore_entry(e), gettext_lazy("Update hersteld.")),
}


@require_POST
def entry_action(request: HttpRequest, page_id: int, entry_id: int, action: str) -> HttpResponse:
    """Pin, unpin, mark or unmark a key event, delete, restore: one click each."""
    blog = _blog_for(request, page_id)
    entry = get_object_or_404(LiveBlogEntry, blog=blog, pk=entry_id)
    if action not in ENTRY_ACTIONS:
        return HttpResponse(_("Onbekende actie."), status=400)
    act, message = ENTRY_ACTIONS[action]
    try:
        act(entry, request.user)
    except ValidationError as error:
        for text in _validation_messages(error):
            messages.error(request, text)
    else:
        messages.success(request, message)
    return redirect(editor_url(blog) + f"#entry-{entry.pk}")


@require_POST
def promote_entry(request: HttpRequest, page_id: int, entry_id: int) -> HttpResponse:
    """The entry as the draft of its own article, opened in the page editor."""
    blog = _blog_for(request, page_id)
    entry = get_object_or_404(
        LiveBlogEntry.objects.select_related("author", "blog"), blog=blog, pk=entry_id
    )
    section = blog.get_parent()
    if not section.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    try:
        article = actions.do_promote_entry(entry, user=request.user)
    except ValidationError as error:
        for text in _validation_messages(error):
            messages.error(request, text)
        return redirect(editor_url(blog) + f"#entry-{entry.pk}")
    messages.success(request, _("Concept-artikel gemaakt: werk het af en publiceer het."))
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))


@require_POST
def close_blog(request: HttpRequest, page_id: int) -> HttpResponse:
    blog = _blog_for(request, page_id)
    if request.POST.get("reopen"):
        actions.do_reopen_blog(blog, user=request.user)
        messages.success(request, _("De liveblog is weer open."))
    else:
        actions.do_close_blog(blog, user=request.user)
        messages.success(request, _("De liveblog is afgesloten: lezers zien dat hij voorbij is."))
    return redirect(editor_url(blog))

"""Transfers in the admin: creating one with its first step, moving it to its next status,
and working from an article or a live-blog update (`Transfers in deze tekst`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView

from . import actions
from .choices import Status
from .forms import StatusForm
from .models import Transfer


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _safe_next(request: HttpRequest) -> str | None:
    url = request.GET.get("next") or request.POST.get("next")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return None


class TransferCreateView(CreateView):
    """Creates the transfer and its first step together (kopbal.transfers.actions)."""

    def get_initial(self) -> dict:
        initial = super().get_initial()
        for name in ("player", "from_club", "to_club"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        if self.request.GET.get("pagina", "").isdigit():
            initial["source_article"] = int(self.request.GET["pagina"])
        if self.request.GET.get("update", "").isdigit():
            initial["source_entry"] = int(self.request.GET["update"])
        return initial

    def save_instance(self):
        transfer = self.form.save(commit=False)
        actions.do_create_transfer(transfer, self.form.step(), user=self.request.user)
        log(instance=transfer, action="wagtail.create", user=self.request.user)
        return transfer

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            _add_errors(form, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_url(self) -> str:
        return _safe_next(self.request) or super().get_success_url()


class TransferStatusView(WagtailAdminTemplateMixin, TemplateView):
    """The next step: new status, the source that reports it, and our article or update."""

    template_name = "transfers_admin/status.html"
    header_icon = "resubmit"
    page_title = gettext_lazy("Status van de transfer")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("transfers.change_transfer"):
            raise PermissionDenied
        self.transfer = get_object_or_404(
            Transfer.objects.select_related("player", "from_club", "to_club"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return str(self.transfer)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_transfers_transfer:list"), "label": _("Transfers")},
            {
                "url": reverse("wagtailsnippets_transfers_transfer:edit", args=[self.transfer.pk]),
                "label": str(self.transfer),
            },
            {"url": "", "label": _("Status")},
        ]

    def _initial(self) -> dict:
        initial = {}
        if self.request.GET.get("pagina", "").isdigit():
            initial["source_article"] = int(self.request.GET["pagina"])
        if self.request.GET.get("update", "").isdigit():
            initial["source_entry"] = int(self.request.GET["update"])
        return initial

    def get_context_data(self, form: StatusForm | None = None, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        form = form or StatusForm(transfer=self.transfer, initial=self._initial())
        context.update(
            transfer=self.transfer,
            form=form,
            media=form.media,
            events=self.transfer.events.select_related("medium", "article", "created_by").order_by(
                "-at", "-pk"
            ),
            next=_safe_next(self.request) or "",
        )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = StatusForm(request.POST, transfer=self.transfer)
        if form.is_valid():
            try:
                event = actions.do_change_status(
                    self.transfer, form.step(form.cleaned_data["status"]), user=request.user
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if event.is_confirmation:
                    messages.success(
                        request, _("Bron toegevoegd: %(source)s.") % {"source": event.source_label}
                    )
                else:
                    messages.success(
                        request,
                        _("%(transfer)s is nu «%(status)s».")
                        % {"transfer": self.transfer, "status": event.get_status_display()},
                    )
                return redirect(
                    _safe_next(request)
                    or reverse("wagtailsnippets_transfers_transfer:edit", args=[self.transfer.pk])
                )
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SourceTransfersView(WagtailAdminTemplateMixin, TemplateView):
    """From an article (`?pagina=`) or a live-blog update (`?update=`): the transfers it is
    about, and the players and clubs the tagger finds in its text, one click from a new
    transfer or the next step of a running one."""

    template_name = "transfers_admin/for_source.html"
    header_icon = "resubmit"
    page_title = gettext_lazy("Transfers in deze tekst")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (
            request.user.has_perm("transfers.add_transfer")
            or request.user.has_perm("transfers.change_transfer")
        ):
            raise PermissionDenied
        self.article, self.entry = _source_from(request.GET)
        if self.article is None and self.entry is None:
            return HttpResponse(_("Kies een artikel of een liveblog-update."), status=400)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.article.title if self.article else self.entry.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_transfers_transfer:list"), "label": _("Transfers")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs) -> dict:
        from .suggestions import source_suggestions

        context = super().get_context_data(**kwargs)
        suggestions = source_suggestions(article=self.article, entry=self.entry)
        param = {"pagina": self.article.pk} if self.article else {"update": self.entry.pk}
        here = self.request.get_full_path()
        context.update(
            article=self.article,
            entry=self.entry,
            suggestions=suggestions,
            source_query=urlencode({**param, "next": here}),
            source_param=param,
            here=here,
            statuses=Status,
        )
        return context


def _source_from(params) -> tuple:
    from kopbal.liveblogs.models import LiveBlogEntry
    from kopbal.news.models import ArticlePage

    article = entry = None
    raw_page, raw_entry = params.get("pagina", ""), params.get("update", "")
    if raw_page.isdigit():
        article = ArticlePage.objects.filter(pk=int(raw_page)).first()
    elif raw_entry.isdigit():
        entry = LiveBlogEntry.objects.select_related("blog").filter(pk=int(raw_entry)).first()
    return article, entry


@require_POST
def link_source(request: HttpRequest, pk: int) -> HttpResponse:
    """This article or update is about this transfer (without a new step)."""
    if not request.user.has_perm("transfers.change_transfer"):
        raise PermissionDenied
    transfer = get_object_or_404(Transfer, pk=pk)
    article, entry = _source_from(request.POST)
    try:
        actions.do_link_source(transfer, article=article, entry=entry)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Gekoppeld aan %(transfer)s.") % {"transfer": transfer})
    return redirect(
        _safe_next(request)
        or reverse("wagtailsnippets_transfers_transfer:edit", args=[transfer.pk])
    )

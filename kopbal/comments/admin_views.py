"""Comment moderation inside the Wagtail admin: the queue (a ModelViewSet listing with bulk
actions), a reader's history, and read-only lists for the audit log and bans.

Everything goes through the actions in actions.py, so the audit log is complete whichever
screen a moderator uses.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    NumberColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.permission_policies.base import ModelPermissionPolicy

from .actions import CommentError, do_approve, do_ban, do_feature, do_lift_ban, do_reject
from .choices import CommentStatus, ModerationActionType
from .forms import BanForm, ModerationReasonForm, RejectForm
from .models import Ban, BannedWord, Comment, CommentReport, ModerationLog
from .rules import is_trusted

MODERATE = "comments.moderate_comment"


def can_moderate(user) -> bool:
    return user.is_active and user.has_perm(MODERATE)


def history_url(user_id: int) -> str:
    return reverse("comments_admin_reader_history", args=[user_id])


def bulk_url(action: str, comment_ids, next_url: str) -> str:
    query = QueryDict(mutable=True)
    query.setlist("id", [str(pk) for pk in comment_ids])
    query["next"] = next_url
    return (
        reverse("wagtail_bulk_action", args=("comments", "comment", action))
        + "?"
        + query.urlencode()
    )


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The audit log and the list of bans are only ever written by the actions."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a not in {"add", "change", "delete"}]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


class CommentPolicy(ReadOnlyPolicy):
    """Comments are changed only through the moderation actions (which log), never by
    editing or deleting them in a generic form."""


# --- the queue --------------------------------------------------------------------------

QUEUE_CHOICES = [
    ("wachtrij", gettext_lazy("Te bekijken (wachtend of gemeld)")),
    ("wachtend", gettext_lazy("Wachten op goedkeuring")),
    ("gemeld", gettext_lazy("Gemeld")),
    ("uitgelicht", gettext_lazy("Uitgelicht")),
    ("afgewezen", gettext_lazy("Afgewezen")),
    ("alle", gettext_lazy("Alle reacties")),
]


class CommentFilterSet(WagtailFilterSet):
    lijst = django_filters.ChoiceFilter(
        label=gettext_lazy("Toon"),
        choices=QUEUE_CHOICES,
        method="filter_list",
        empty_label=None,
    )

    class Meta:
        model = Comment
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("lijst"):
            data["lijst"] = "wachtrij"
        super().__init__(data, *args, **kwargs)

    def filter_list(self, queryset, name, value):
        return {
            "wachtrij": lambda qs: qs.in_queue(),
            "wachtend": lambda qs: qs.filter(status=CommentStatus.PENDING),
            "gemeld": lambda qs: qs.filter(report_count__gt=0),
            "uitgelicht": lambda qs: qs.filter(is_featured=True, status=CommentStatus.VISIBLE),
            "afgewezen": lambda qs: qs.filter(status=CommentStatus.REMOVED),
        }.get(value, lambda qs: qs)(queryset)


class CommentIndexView(generic.IndexView):
    page_title = gettext_lazy("Reacties modereren")

    def get_base_queryset(self):
        return Comment.objects.select_related("author", "page")

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="comment"),
            self._get_title_column_class(TitleColumn)(
                "body",
                label=_("Reactie"),
                accessor=lambda c: Truncator(c.body).chars(160),
                get_url=lambda c: history_url(c.author_id) + f"#reactie-{c.pk}",
                get_title_id=lambda c: f"comment_{c.pk}_title",
            ),
            TitleColumn(
                "author",
                label=_("Lezer"),
                accessor=lambda c: c.author.public_name,
                get_url=lambda c: history_url(c.author_id),
            ),
            TitleColumn(
                "page",
                label=_("Artikel"),
                accessor=lambda c: Truncator(c.page.title).chars(50),
                get_url=lambda c: c.page.url and f"{c.page.url}#reacties",
            ),
            StatusTagColumn(
                "get_status_display",
                label=_("Status"),
                sort_key="status",
                primary=lambda c: c.status == CommentStatus.VISIBLE,
            ),
            Column("held_reason", label=_("Waarom")),
            NumberColumn("report_count", label=_("Meldingen"), sort_key="report_count"),
            NumberColumn("like_count", label=_("Likes"), sort_key="like_count"),
            Column(
                "is_featured",
                label=_("Uitgelicht"),
                accessor=lambda c: _("ja") if c.is_featured else "",
            ),
            DateColumn("created_at", label=_("Geplaatst"), sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        return []

    def get_list_buttons(self, instance):
        if not can_moderate(self.request.user):
            return []
        here = self.request.get_full_path()
        buttons = []
        if instance.status != CommentStatus.VISIBLE or instance.report_count:
            buttons.append(
                ListingButton(
                    _("Goedkeuren"),
                    url=bulk_url("approve", [instance.pk], here),
                    priority=10,
                    attrs={"aria-label": _("Reactie %(id)s goedkeuren") % {"id": instance.pk}},
                )
            )
        if instance.status in (CommentStatus.VISIBLE, CommentStatus.PENDING):
            buttons.append(
                ListingButton(
                    _("Afwijzen"),
                    url=bulk_url("reject", [instance.pk], here),
                    priority=20,
                    attrs={"aria-label": _("Reactie %(id)s afwijzen") % {"id": instance.pk}},
                )
            )
        more = [
            Button(
                _("Geschiedenis van de lezer"),
                url=history_url(instance.author_id),
                icon_name="history",
            )
        ]
        if instance.status == CommentStatus.VISIBLE:
            if instance.is_featured:
                more.append(
                    Button(
                        _("Niet meer uitlichten"),
                        icon_name="pick",
                        url=bulk_url("unfeature", [instance.pk], here),
                    )
                )
            else:
                more.append(
                    Button(
                        _("Uitlichten"),
                        icon_name="pick",
                        url=bulk_url("feature", [instance.pk], here),
                    )
                )
        more.append(
            Button(
                _("Auteur blokkeren"),
                icon_name="warning",
                url=bulk_url("ban_author", [instance.pk], here),
            )
        )
        from wagtail.admin.widgets.button import ButtonWithDropdown

        buttons.append(
            ButtonWithDropdown(
                buttons=more,
                icon_name="dots-horizontal",
                attrs={"aria-label": _("Meer acties voor reactie %(id)s") % {"id": instance.pk}},
            )
        )
        return buttons


class CommentViewSet(ModelViewSet):
    model = Comment
    icon = "comment"
    menu_label = gettext_lazy("Wachtrij")
    name = "reacties"
    index_view_class = CommentIndexView
    index_template_name = "comments_admin/index.html"
    form_fields = ["body"]  # required by ModelViewSet; CommentPolicy denies editing
    filterset_class = CommentFilterSet
    search_fields = ["body", "author__display_name", "author__username", "page__title"]
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    add_to_reference_index = False
    ordering = "-created_at"


class ModerationLogViewSet(ModelViewSet):
    model = ModerationLog
    icon = "history"
    menu_label = gettext_lazy("Logboek")
    name = "moderatielog"
    form_fields = ["reason"]  # never editable: ReadOnlyPolicy
    list_display = [
        "created_at",
        Column(
            "moderator",
            label=gettext_lazy("Wie"),
            accessor=lambda e: e.moderator or _("automatisch"),
        ),
        Column("action", label=gettext_lazy("Wat"), accessor="get_action_display"),
        TitleColumn(
            "target_user",
            label=gettext_lazy("Lezer"),
            accessor=lambda e: e.target_user or "",
            get_url=lambda e: history_url(e.target_user_id) if e.target_user_id else None,
        ),
        Column("excerpt", label=gettext_lazy("Reactie")),
        Column("reason", label=gettext_lazy("Waarom")),
    ]
    list_filter = ["action"]
    search_fields = ["reason", "excerpt", "target_user__display_name", "moderator__username"]
    copy_view_enabled = False
    list_per_page = 50
    add_to_reference_index = False
    ordering = ["-created_at", "-pk"]


class BanViewSet(ModelViewSet):
    model = Ban
    icon = "warning"
    menu_label = gettext_lazy("Blokkeringen")
    name = "blokkeringen"
    form_fields = ["reason"]  # never editable: ReadOnlyPolicy
    list_display = [
        TitleColumn(
            "user",
            label=gettext_lazy("Lezer"),
            accessor=lambda b: b.user,
            get_url=lambda b: history_url(b.user_id),
        ),
        "reason",
        "created_at",
        Column(
            "expires_at",
            label=gettext_lazy("Tot"),
            accessor=lambda b: b.expires_at or _("voorgoed"),
        ),
        Column(
            "active",
            label=gettext_lazy("Actief"),
            accessor=lambda b: _("ja") if b.is_active else _("nee"),
        ),
        "created_by",
    ]
    search_fields = ["reason", "user__display_name", "user__username"]
    copy_view_enabled = False
    add_to_reference_index = False
    ordering = "-created_at"


class BannedWordViewSet(ModelViewSet):
    model = BannedWord
    icon = "cross"
    menu_label = gettext_lazy("Verboden woorden")
    name = "verboden-woorden"
    list_display = ["word", "created_at"]
    form_fields = ["word"]
    search_fields = ["word"]
    copy_view_enabled = False
    list_per_page = 100


class CommentsAdminGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Reacties")
    menu_icon = "comment"
    menu_order = 250
    items = (CommentViewSet, ModerationLogViewSet, BanViewSet, BannedWordViewSet)


# --- bulk actions -----------------------------------------------------------------------


class CommentBulkAction(BulkAction):
    models = [Comment]
    template_name = "comments_admin/bulk_confirm.html"
    form_class = ModerationReasonForm
    action_priority = 50
    button_label = ""
    intro = ""

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [pk for pk in object_ids if str(pk).isdigit()]
        return list(Comment.objects.filter(pk__in=ids).select_related("author", "page"))

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" only ever reaches the queue, never every comment on the site.
        return Comment.objects.in_queue().values_list("pk", flat=True)

    def check_perm(self, obj):
        return can_moderate(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "action_title": self.display_name,
                "button_label": self.button_label,
                "intro": self.intro,
                "header_icon": "comment",
            }
        )
        return context

    def get_execution_context(self):
        return {
            "moderator": self.request.user,
            "reason": self.cleaned_form.cleaned_data.get("reason", ""),
        }


class ApproveBulkAction(CommentBulkAction):
    display_name = gettext_lazy("Goedkeuren")
    action_type = "approve"
    aria_label = gettext_lazy("De gekozen reacties goedkeuren")
    action_priority = 10
    button_label = gettext_lazy("Ja, goedkeuren")
    intro = gettext_lazy("Deze reacties komen (weer) op de site; open meldingen worden gesloten.")

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        return do_approve(moderator=moderator, comments=objects, reason=reason), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d reactie goedgekeurd.", "%(n)d reacties goedgekeurd.", num_parent_objects
        ) % {"n": num_parent_objects}


class RejectBulkAction(CommentBulkAction):
    display_name = gettext_lazy("Afwijzen")
    action_type = "reject"
    aria_label = gettext_lazy("De gekozen reacties afwijzen")
    action_priority = 20
    form_class = RejectForm
    classes = {"serious"}
    button_label = gettext_lazy("Ja, afwijzen")
    intro = gettext_lazy(
        "Deze reacties verdwijnen van de site; ze blijven in de geschiedenis van de lezer."
    )

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        return do_reject(moderator=moderator, comments=objects, reason=reason), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d reactie afgewezen.", "%(n)d reacties afgewezen.", num_parent_objects
        ) % {"n": num_parent_objects}


class FeatureBulkAction(CommentBulkAction):
    display_name = gettext_lazy("Uitlichten")
    action_type = "feature"
    aria_label = gettext_lazy("De gekozen reacties uitlichten")
    action_priority = 30
    button_label = gettext_lazy("Ja, uitlichten")
    intro = gettext_lazy(
        "Uitgelichte reacties staan bovenaan onder het artikel. Alleen "
        "zichtbare reacties kan je uitlichten."
    )

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        return do_feature(moderator=moderator, comments=objects, reason=reason), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d reactie uitgelicht.", "%(n)d reacties uitgelicht.", num_parent_objects
        ) % {"n": num_parent_objects}


class UnfeatureBulkAction(CommentBulkAction):
    display_name = gettext_lazy("Niet meer uitlichten")
    action_type = "unfeature"
    aria_label = gettext_lazy("De gekozen reacties niet meer uitlichten")
    action_priority = 40
    button_label = gettext_lazy("Ja, niet meer uitlichten")

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", **kwargs):
        return do_feature(moderator=moderator, comments=objects, featured=False, reason=reason), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d reactie niet meer uitgelicht.",
            "%(n)d reacties niet meer uitgelicht.",
            num_parent_objects,
        ) % {"n": num_parent_objects}


class BanAuthorBulkAction(CommentBulkAction):
    display_name = gettext_lazy("Auteur blokkeren")
    action_type = "ban_author"
    aria_label = gettext_lazy("De auteurs van de gekozen reacties blokkeren")
    action_priority = 60
    form_class = BanForm
    classes = {"serious"}
    button_label = gettext_lazy("Ja, blokkeren")
    intro = gettext_lazy(
        "De auteurs kunnen niet meer reageren, liken of melden; ze zien de "
        "reden. De gekozen reacties worden afgewezen."
    )

    def get_execution_context(self):
        return {
            "moderator": self.request.user,
            "reason": self.cleaned_form.cleaned_data["reason"],
            "days": self.cleaned_form.days,
        }

    @classmethod
    def execute_action(cls, objects, moderator=None, reason="", days=0, **kwargs):
        by_author: dict = {}
        for comment in objects:
            by_author.setdefault(comment.author, []).append(comment)
        banned = 0
        for author, comments in by_author.items():
            try:
                do_ban(
                    moderator=moderator, user=author, reason=reason, days=days, comment=comments[0]
                )
            except CommentError:
                continue  # staff and moderators are not banned from here
            do_reject(
                moderator=moderator,
                comments=comments,
                reason=_("auteur geblokkeerd: %(reason)s") % {"reason": reason},
            )
            banned += 1
        return banned, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)d lezer geblokkeerd.", "%(n)d lezers geblokkeerd.", num_parent_objects
        ) % {"n": num_parent_objects}


BULK_ACTIONS = [
    ApproveBulkAction,
    RejectBulkAction,
    FeatureBulkAction,
    UnfeatureBulkAction,
    BanAuthorBulkAction,
]


# --- a reader's history -----------------------------------------------------------------


class ReaderHistoryView(WagtailAdminTemplateMixin, TemplateView):
    """All of a reader's comments, the reports against them, their bans and what
    moderators did, on one page; with the ban and lift-ban forms."""

    template_name = "comments_admin/reader_history.html"
    header_icon = "user"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        self.reader = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Geschiedenis van %(name)s") % {"name": self.reader.public_name}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("reacties:index"), "label": _("Reacties")},
            {"url": "", "label": self.reader.public_name},
        ]

    def post(self, request: HttpRequest, *args, **kwargs):
        if "lift" in request.POST:
            ban = get_object_or_404(Ban, pk=request.POST.get("lift"), user=self.reader)
            do_lift_ban(moderator=request.user, ban=ban, reason=request.POST.get("reason", ""))
            messages.success(request, _("De blokkering is opgeheven."))
            return redirect(history_url(self.reader.pk))
        form = BanForm(request.POST)
        if form.is_valid():
            try:
                do_ban(
                    moderator=request.user,
                    user=self.reader,
                    reason=form.cleaned_data["reason"],
                    days=form.days,
                )
            except CommentError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("%(name)s is geblokkeerd.") % {"name": self.reader.public_name}
                )
                return redirect(history_url(self.reader.pk))
        return self.render_to_response(self.get_context_data(ban_form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reader = self.reader
        comments = (
            Comment.objects.filter(author=reader).select_related("page").order_by("-created_at")
        )
        page_obj = Paginator(comments, 50).get_page(self.request.GET.get("p"))
        counts = dict(
            Comment.objects.filter(author=reader)
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        bans = list(Ban.objects.filter(user=reader).select_related("created_by", "lifted_by"))
        context.update(
            {
                "reader": reader,
                "page_obj": page_obj,
                "status_counts": [
                    (label, counts.get(value, 0)) for value, label in CommentStatus.choices
                ],
                "reports_against": CommentReport.objects.filter(
                    comment__author=reader
                ).select_related("reporter", "comment")[:100],
                "reports_made": CommentReport.objects.filter(reporter=reader).count(),
                "bans": bans,
                "active_ban": next((b for b in bans if b.is_active), None),
                "log": ModerationLog.objects.filter(
                    Q(target_user=reader) | Q(comment__author=reader)
                ).select_related("moderator")[:100],
                "ban_form": kwargs.get("ban_form") or BanForm(),
                "can_ban": not is_trusted(reader),
                "queue_url": reverse("reacties:index"),
                "action_types": ModerationActionType,
            }
        )
        return context

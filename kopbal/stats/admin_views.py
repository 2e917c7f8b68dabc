"""Reading figures for the newsroom, in the Wagtail admin: which articles are read and
discussed, and per article its views and comments day by day."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import DailyViews

PERIODS = {"1": 1, "7": 7, "30": 30}
HISTORY_DAYS = 30
TOP = 50


def _comments_per_page(page_ids, since_day: date) -> dict[int, int]:
    from kopbal.comments.models import Comment

    since = timezone.make_aware(timezone.datetime.combine(since_day, timezone.datetime.min.time()))
    return dict(
        Comment.objects.visible()
        .filter(page_id__in=page_ids, created_at__gte=since)
        .order_by()
        .values_list("page_id")
        .annotate(n=Count("pk"))
    )


class StatsIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The most read articles over 1, 7 or 30 days, with their comments in that period."""

    template_name = "stats_admin/index.html"
    page_title = gettext_lazy("Leescijfers")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Leescijfers")}]

    def get_context_data(self, **kwargs) -> dict:
        from kopbal.news.models import ArticlePage

        context = super().get_context_data(**kwargs)
        period = self.request.GET.get("periode", "7")
        days = PERIODS.get(period, 7)
        since = timezone.localdate() - timedelta(days=days - 1)
        top = list(
            DailyViews.objects.filter(day__gte=since)
            .values_list("page_id")
            .annotate(total=Sum("views"))
            .order_by("-total", "-page_id")[:TOP]
        )
        pages = ArticlePage.objects.filter(pk__in=[p for p, _ in top]).defer_streamfields()
        pages = {page.pk: page for page in pages}
        comments = _comments_per_page(pages.keys(), since)
        context.update(
            days=days,
            periods=list(PERIODS.items()),
            rows=[
                {
                    "page": pages[page_id],
                    "views": total,
                    "comments": comments.get(page_id, 0),
                    "url": reverse("kopbal_stats:article", args=[page_id]),
                }
                for page_id, total in top
                if page_id in pages
            ],
        )
        return context


class ArticleStatsView(WagtailAdminTemplateMixin, TemplateView):
    """One article's views and comments per day, for the last 30 days."""

    template_name = "stats_admin/article.html"
    page_title = gettext_lazy("Leescijfers")
    header_icon = "view"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from kopbal.news.models import ArticlePage

        page = ArticlePage.objects.filter(pk=kwargs["page_id"]).first()
        if page is None:
            raise Http404(_("Dit artikel bestaat niet."))
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.article = page
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.article.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("kopbal_stats:index"), "label": _("Leescijfers")},
            {"url": "", "label": self.article.title},
        ]

    def get_context_data(self, **kwargs) -> dict:
        from kopbal.comments.models import Comment

        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        first = today - timedelta(days=HISTORY_DAYS - 1)
        views = dict(
            DailyViews.objects.filter(page=self.article, day__gte=first).values_list("day", "views")
        )
        since = timezone.make_aware(timezone.datetime.combine(first, timezone.datetime.min.time()))
        comments = dict(
            Comment.objects.visible()
            .filter(page=self.article, created_at__gte=since)
            .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
            .order_by()
            .values_list("day")
            .annotate(n=Count("pk"))
        )
        days = [first + timedelta(days=i) for i in range(HISTORY_DAYS)]
        busiest = max([views.get(d, 0) for d in days] + [1])
        context.update(
            article=self.article,
            rows=[
                {
                    "day": d,
                    "views": views.get(d, 0),
                    "comments": comments.get(d, 0),
                    "width": round(100 * views.get(d, 0) / busiest),
                }
                for d in reversed(days)
            ],
            total_views=DailyViews.objects.filter(page=self.article).aggregate(n=Sum("views"))["n"]
            or 0,
            total_comments=Comment.objects.visible().filter(page=self.article).count(),
            period_views=sum(views.values()),
            period_comments=sum(comments.values()),
            history_days=HISTORY_DAYS,
        )
        return context

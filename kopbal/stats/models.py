"""Article views counted per hour (kept a week, for `Meest gelezen`) and per day (kept,
for the editors' history). Rows are only ever incremented in batches: see counter.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyViews(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="+"
    )
    hour = models.DateTimeField(_("uur"))
    views = models.PositiveIntegerField(_("weergaven"), default=0)

    class Meta:
        verbose_name = _("weergaven per uur")
        verbose_name_plural = _("weergaven per uur")
        constraints = [
            models.UniqueConstraint(fields=["page", "hour"], name="stats_one_row_per_page_hour")
        ]
        indexes = [models.Index(fields=["hour"], name="stats_hourly_hour_idx")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.hour:%Y-%m-%d %H}u: {self.views}"


class DailyViews(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("artikel"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("dag"))
    views = models.PositiveBigIntegerField(_("weergaven"), default=0)

    class Meta:
        verbose_name = _("weergaven per dag")
        verbose_name_plural = _("weergaven per dag")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="stats_one_row_per_page_day")
        ]
        indexes = [models.Index(fields=["day"], name="stats_daily_day_idx")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.views}"

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace import clock


class DeliveryLog(models.Model):
    """执行日志: one delivered activity. Corrections are new versions; old ones are kept."""

    delivery = models.ForeignKey(
        "evaluations.Delivery", models.CASCADE, related_name="logs", verbose_name=_("项目执行")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("记录人")
    )
    indicator = models.ForeignKey(
        "marketplace.Indicator", models.PROTECT, related_name="+", verbose_name=_("计入指标")
    )
    count = models.DecimalField(
        _("计入指标的数量"),
        max_digits=10,
        decimal_places=1,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("本次活动计入该指标的数量，例如 1 场、15 人次。"),
    )
    activity = models.CharField(_("活动内容"), max_length=200)
    date = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200)
    participants = models.PositiveIntegerField(_("参与人数"), default=0)
    beneficiaries = models.PositiveIntegerField(_("受益人数"), default=0)
    service_hours = models.DecimalField(
        _("服务时长（小时）"), max_digits=7, decimal_places=1, default=Decimal("0")
    )
    volunteer_hours = models.DecimalField(
        _("志愿服务时长（小时）"), max_digits=7, decimal_places=1, default=Decimal("0")
    )
    note = models.TextField(_("备注"), blank=True)
    # Versioning: a correction supersedes exactly one earlier version, with a reason.
    version = models.PositiveIntegerField(_("版本"), default=1)
    supersedes = models.OneToOneField(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("更正的版本"),
    )
    correction_reason = models.TextField(_("更正理由"), blank=True)
    is_current = models.BooleanField(_("现行版本"), default=True)
    recorded_at = models.DateTimeField(_("记录时间"), default=clock.now)

    class Meta:
        verbose_name = _("执行日志")
        verbose_name_plural = _("执行日志")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["delivery", "is_current", "indicator"]),
            models.Index(fields=["delivery", "is_current", "-date"]),
        ]

    def __str__(self):
        return f"{self.date} {self.activity}"

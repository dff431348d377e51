from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace import clock


class Decision(models.TextChoices):
    GO_FORWARD = "go_forward", _("推进")
    DEFER = "defer", _("暂缓")
    DECLINE = "decline", _("不予采纳")


class Consultation(models.Model):
    """协商: a community meeting that decides which needs go forward."""

    community = models.ForeignKey(
        "marketplace.Place", models.PROTECT, related_name="consultations", verbose_name=_("社区/村")
    )
    date = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=100)
    participants = models.TextField(
        _("参加人员"), help_text=_("居民代表、社区工作者、社会组织及其他参加者。")
    )
    minutes = models.TextField(_("会议纪要"))
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("记录人")
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("协商会议")
        verbose_name_plural = _("协商会议")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.community.name} {self.date:%Y-%m-%d}"


class ConsultationDecision(models.Model):
    """The consultation's decision on one need (go forward / defer / decline)."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="decisions")
    need = models.ForeignKey("needs.Need", models.CASCADE, related_name="decisions")
    decision = models.CharField(_("决定"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("协商决定")
        verbose_name_plural = _("协商决定")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "need"], name="one_decision_per_need")
        ]

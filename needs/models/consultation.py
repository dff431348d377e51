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


class ParticipantKind(models.TextChoices):
    RESIDENT = "resident", _("居民")
    STAFF = "staff", _("社区工作者")
    ORGANISATION = "organisation", _("社会组织")
    OTHER = "other", _("其他")


class ConsultationParticipant(models.Model):
    """参加人员: one person (or organisation) at a consultation, by kind."""

    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="participants")
    kind = models.CharField(_("类别"), max_length=20, choices=ParticipantKind.choices)
    name = models.CharField(_("姓名/名称"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("社会组织"),
    )
    role = models.CharField(
        _("身份/角色"), max_length=100, blank=True, help_text=_("如居民代表、楼栋长。")
    )

    class Meta:
        verbose_name = _("协商参加人员")
        verbose_name_plural = _("协商参加人员")
        ordering = ["pk"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name given, else the chosen organisation's name."""
        if self.name:
            return self.name
        return self.organisation.name if self.organisation_id else ""


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

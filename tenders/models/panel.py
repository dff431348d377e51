from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    EXPERT = "expert", _("评审专家")
    PURCHASER_REP = "purchaser_rep", _("采购人代表")


class PanelMember(models.Model):
    """评标委员会成员: an evaluator appointed to a tender, with the conflict declaration.

    `has_conflict` means the member is excluded (回避) from this tender; the reasons are in
    `exclusions`. An excluded member stays on record and is never deleted.
    """

    tender = models.ForeignKey("tenders.Tender", models.CASCADE, related_name="panel")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    kind = models.CharField(
        _("身份"), max_length=20, choices=MemberKind.choices, default=MemberKind.EXPERT
    )
    declared_at = models.DateTimeField(_("声明时间"), null=True, blank=True)
    has_conflict = models.BooleanField(_("已回避"), default=False)
    conflict_note = models.TextField(_("冲突说明"), blank=True)
    report_digest = models.CharField(_("已确认的评标报告摘要"), max_length=64, blank=True)
    report_confirmed_at = models.DateTimeField(_("签字确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评标专家")
        verbose_name_plural = _("评标专家")
        constraints = [
            models.UniqueConstraint(fields=["tender", "evaluator"], name="one_seat_per_evaluator")
        ]


class Score(models.Model):
    """One evaluator's score of one bid on one criterion."""

    member = models.ForeignKey(PanelMember, models.CASCADE, related_name="scores")
    bid = models.ForeignKey("tenders.Bid", models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("tenders.Criterion", models.CASCADE, related_name="+")
    value = models.DecimalField(_("得分"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "bid", "criterion"], name="one_score_per_criterion"
            )
        ]

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PanelMember(models.Model):
    """评标委员会成员: an evaluator appointed to a tender, with the conflict declaration."""

    tender = models.ForeignKey("tenders.Tender", models.CASCADE, related_name="panel")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(_("声明时间"), null=True, blank=True)
    has_conflict = models.BooleanField(_("存在利益冲突"), default=False)
    conflict_note = models.TextField(_("冲突说明"), blank=True)

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

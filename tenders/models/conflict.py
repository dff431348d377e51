"""回避 and 合格性审查: declarations per bidder, exclusions, recusal requests, eligibility."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock, rules
from marketplace.workflow import WorkflowModel


class Tie(models.TextChoices):
    NONE = "none", _("无利害关系")
    EMPLOYEE = "employee", _("近三年曾为其员工")
    DIRECTOR = "director", _("近三年曾任其理事、董事或监事")
    CONTROLLER = "controller", _("为其控股股东或实际控制人")
    RELATIVE = "relative", _("与其法定代表人或负责人为近亲属")
    OTHER = "other", _("其他可能影响公正评审的关系")


class ConflictDeclaration(models.Model):
    """利益冲突声明: one evaluator about one bidding organisation (after opening)."""

    member = models.ForeignKey("tenders.PanelMember", models.CASCADE, related_name="declarations")
    organisation = models.ForeignKey(
        "marketplace.Organisation", models.PROTECT, related_name="+", verbose_name=_("投标人")
    )
    tie = models.CharField(_("关系"), max_length=20, choices=Tie.choices)
    note = models.TextField(_("说明"), blank=True)
    declared_at = models.DateTimeField(_("声明时间"), default=clock.now)

    class Meta:
        verbose_name = _("利益冲突声明")
        verbose_name_plural = _("利益冲突声明")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "organisation"], name="one_declaration_per_bidder"
            )
        ]


class ExclusionSource(models.TextChoices):
    DECLARED = "declared", _("专家本人声明")
    AUTOMATIC = "automatic", _("系统自动回避")
    RECUSAL = "recusal", _("投标人申请回避")


class Exclusion(models.Model):
    """回避记录: why a panel member may not evaluate this tender (kept for the report)."""

    member = models.ForeignKey("tenders.PanelMember", models.CASCADE, related_name="exclusions")
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("相关投标人"),
    )
    source = models.CharField(_("来源"), max_length=20, choices=ExclusionSource.choices)
    reason = models.TextField(_("原因"))
    created_at = models.DateTimeField(_("时间"), default=clock.now)

    class Meta:
        verbose_name = _("回避记录")
        verbose_name_plural = _("回避记录")
        ordering = ["pk"]


class RecusalState(models.TextChoices):
    PENDING = "pending", _("待决定")
    GRANTED = "granted", _("准予回避")
    REFUSED = "refused", _("不予回避")


def decides_recusal(request, user) -> bool:
    return rules.can_decide(request.member.tender.project, user)


class RecusalRequest(WorkflowModel):
    """申请回避: a bidder asks in writing that an evaluator be excluded; the purchaser decides."""

    member = models.ForeignKey(
        "tenders.PanelMember", models.CASCADE, related_name="recusal_requests"
    )
    organisation = models.ForeignKey(
        "marketplace.Organisation", models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    reason = models.TextField(_("申请理由"))
    created_at = models.DateTimeField(_("申请时间"), default=clock.now)
    decision = models.TextField(_("决定理由"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    state = FSMField(
        _("状态"), default=RecusalState.PENDING, choices=RecusalState.choices, protected=True
    )

    class Meta:
        verbose_name = _("回避申请")
        verbose_name_plural = _("回避申请")
        ordering = ["pk"]

    @transition(
        field="state",
        source=RecusalState.PENDING,
        target=RecusalState.GRANTED,
        permission=decides_recusal,
    )
    def grant(self, *, by, reason=""):
        self.decision = reason
        self.decided_at = clock.now()

    @transition(
        field="state",
        source=RecusalState.PENDING,
        target=RecusalState.REFUSED,
        permission=decides_recusal,
    )
    def refuse(self, *, by, reason):
        self.decision = reason
        self.decided_at = clock.now()


class EligibilityCheck(models.Model):
    """合格性审查: one evaluator's verdict on whether one bid meets the eligibility terms."""

    member = models.ForeignKey(
        "tenders.PanelMember", models.CASCADE, related_name="eligibility_checks"
    )
    bid = models.ForeignKey("tenders.Bid", models.CASCADE, related_name="eligibility_checks")
    passed = models.BooleanField(_("合格"))
    note = models.CharField(_("说明"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("审查时间"), default=clock.now)

    class Meta:
        verbose_name = _("合格性审查")
        verbose_name_plural = _("合格性审查")
        constraints = [models.UniqueConstraint(fields=["member", "bid"], name="one_check_per_bid")]

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from marketplace import clock
from marketplace.workflow import WorkflowModel


class ProcurementMethod(models.TextChoices):
    OPEN = "open", _("公开招标")
    INVITED = "invited", _("邀请招标")
    CONSULTATION = "consultation", _("竞争性磋商")
    NEGOTIATION = "negotiation", _("竞争性谈判")
    SINGLE_SOURCE = "single_source", _("单一来源")
    VENTURE = "venture", _("公益创投")


class TenderState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("投标中")
    CLARIFICATION = "clarification", _("澄清中")
    CLOSED = "closed", _("投标截止")
    OPENED = "opened", _("已开标")
    EVALUATING = "evaluating", _("评标中")
    AWARD_PROPOSED = "award_proposed", _("中标公示")
    AWARDED = "awarded", _("已定标")
    CONTRACTED = "contracted", _("已签约")
    FAILED = "failed", _("流标")
    CANCELLED = "cancelled", _("已取消")


class Tender(WorkflowModel):
    """招标/采购: the purchase of a project's service (政府购买服务)."""

    project = models.ForeignKey(
        "marketplace.Project", models.PROTECT, related_name="tenders", verbose_name=_("项目")
    )
    title = models.CharField(_("采购项目名称"), max_length=200)
    method = models.CharField(
        _("采购方式"),
        max_length=20,
        choices=ProcurementMethod.choices,
        default=ProcurementMethod.OPEN,
    )
    ceiling_price = models.DecimalField(_("最高限价（元）"), max_digits=12, decimal_places=2)
    eligibility = models.TextField(_("资格要求"), blank=True)
    price_weight = models.DecimalField(
        _("价格分权重（%）"), max_digits=5, decimal_places=2, default=20
    )
    min_valid_bids = models.PositiveSmallIntegerField(_("有效投标最少家数"), default=3)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    deadline = models.DateTimeField(_("投标截止时间"))
    opened_at = models.DateTimeField(_("开标时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    state = FSMField(
        _("状态"),
        default=TenderState.DRAFT,
        choices=TenderState.choices,
        protected=True,
        db_index=True,
    )

    class Meta:
        verbose_name = _("招标项目")
        verbose_name_plural = _("招标项目")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """评分标准: one criterion of the technical part, with its weight (points)."""

    tender = models.ForeignKey(Tender, models.CASCADE, related_name="criteria")
    name = models.CharField(_("评分项"), max_length=100)
    weight = models.DecimalField(_("分值"), max_digits=5, decimal_places=2)
    guidance = models.TextField(_("评分细则"), blank=True)

    class Meta:
        verbose_name = _("评分标准")
        verbose_name_plural = _("评分标准")
        ordering = ["pk"]

    def __str__(self):
        return self.name

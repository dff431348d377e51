from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from .. import clock, rules
from ..workflow import WorkflowModel, condition


class ProjectState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审批")
    RETURNED = "returned", _("已退回修改")
    APPROVED = "approved", _("已批准")
    TENDERING = "tendering", _("采购中")
    CONTRACTED = "contracted", _("已签约")
    IN_DELIVERY = "in_delivery", _("执行中")
    UNDER_EVALUATION = "under_evaluation", _("评估中")
    COMPLETED = "completed", _("已完成")
    TERMINATED = "terminated", _("已终止")


class FundingSource(models.TextChoices):
    FISCAL = "fiscal", _("财政资金")
    SOCIAL = "social", _("社会资金")
    CHARITY = "charity", _("慈善捐赠")
    WELFARE_LOTTERY = "welfare_lottery", _("福彩公益金")


S = ProjectState
LIVE_STATES = [S.APPROVED, S.TENDERING, S.CONTRACTED, S.IN_DELIVERY, S.UNDER_EVALUATION]


@condition(_("项目书至少需要一项产出指标。"))
def has_indicators(project):
    return project.indicators.filter(kind=IndicatorKind.OUTPUT).exists()


@condition(_("项目书至少需要一条预算明细。"))
def has_budget(project):
    return project.budget_lines.exists()


@condition(_("项目书应关联至少一条居民需求；没有需求的项目须说明理由。"))
def has_origin(project):
    # needs/ adds the reverse relation `needs`; core never imports it.
    return bool(project.no_need_reason.strip()) or project.needs.exists()


@condition(_("项目周期不完整：结束日期须晚于开始日期。"))
def has_period(project):
    return bool(project.period_start and project.period_end) and (
        project.period_end > project.period_start
    )


@condition(_("尚未确定预算和资金来源。"))
def has_approved_budget(project):
    return bool(project.approved_budget and project.funding_source)


class Project(WorkflowModel):
    """项目: the thread from design (项目书) to completion."""

    title = models.CharField(_("项目名称"), max_length=200)
    community = models.ForeignKey(
        "marketplace.Place", models.PROTECT, related_name="projects", verbose_name=_("社区/村")
    )
    purchaser_place = models.ForeignKey(
        "marketplace.Place",
        models.PROTECT,
        related_name="purchased_projects",
        verbose_name=_("购买主体所在地"),
        help_text=_("审批与采购由此地的购买主体负责（街道、乡镇或区县）。"),
    )
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("设计人")
    )
    background = models.TextField(_("项目背景"))
    beneficiaries = models.TextField(_("服务对象"))
    objectives = models.TextField(_("项目目标"))
    service_content = models.TextField(_("服务内容"))
    activity_plan = models.TextField(_("活动计划"), blank=True)
    risks = models.TextField(_("风险及应对"), blank=True)
    period_start = models.DateField(_("开始日期"), null=True, blank=True)
    period_end = models.DateField(_("结束日期"), null=True, blank=True)
    no_need_reason = models.TextField(_("未关联需求的理由"), blank=True)
    approved_budget = models.DecimalField(
        _("批准预算（元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(
        _("资金来源"), max_length=20, choices=FundingSource.choices, blank=True
    )
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("承接社会组织"),
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    state = FSMField(_("状态"), default=S.DRAFT, choices=S.choices, protected=True, db_index=True)
    created_at = models.DateTimeField(default=clock.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def budget_total(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all()), Decimal("0"))

    # Design (项目书) and approval.
    @transition(
        field=state,
        source=[S.DRAFT, S.RETURNED],
        target=S.SUBMITTED,
        permission=rules.can_design,
        conditions=[has_indicators, has_budget, has_origin, has_period],
    )
    def submit(self, *, by, reason=""):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.RETURNED, permission=rules.can_decide)
    def return_design(self, *, by, reason):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.APPROVED, permission=rules.can_decide)
    def approve(self, *, by, reason="", budget: Decimal, funding_source: str):
        self.approved_budget = budget
        self.funding_source = funding_source

    # Following the tender, the contract, delivery and evaluation (driven by later stages).
    @transition(
        field=state,
        source=S.APPROVED,
        target=S.TENDERING,
        permission=rules.can_decide,
        conditions=[has_approved_budget],
    )
    def start_tendering(self, *, by, reason=""):
        pass

    @transition(field=state, source=S.TENDERING, target=S.APPROVED, permission=rules.can_decide)
    def reopen(self, *, by, reason):
        """A tender failed or was cancelled: the approved project may be tendered again."""

    @transition(field=state, source=S.TENDERING, target=S.CONTRACTED, permission=rules.can_decide)
    def contract(self, *, by, reason="", organisation):
        self.organisation = organisation

    @transition(
        field=state,
        source=S.CONTRACTED,
        target=S.IN_DELIVERY,
        permission=lambda p, u: rules.delivers(p, u) or rules.can_decide(p, u),
    )
    def start_delivery(self, *, by, reason=""):
        pass

    @transition(
        field=state, source=S.IN_DELIVERY, target=S.UNDER_EVALUATION, permission=rules.can_decide
    )
    def start_evaluation(self, *, by, reason=""):
        pass

    @transition(
        field=state, source=S.UNDER_EVALUATION, target=S.IN_DELIVERY, permission=rules.can_decide
    )
    def rectify(self, *, by, reason):
        """A failing evaluation sends delivery back for rectification (整改)."""

    @transition(
        field=state, source=S.UNDER_EVALUATION, target=S.COMPLETED, permission=rules.can_decide
    )
    def complete(self, *, by, reason=""):
        pass

    @transition(field=state, source=LIVE_STATES, target=S.TERMINATED, permission=rules.can_decide)
    def terminate(self, *, by, reason):
        pass


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("产出指标")
    OUTCOME = "outcome", _("成效指标")


class Indicator(models.Model):
    """项目指标: a measurable target of the design (e.g. 活动 40 场)."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="indicators")
    kind = models.CharField(
        _("类型"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.OUTPUT
    )
    name = models.CharField(_("指标"), max_length=100)
    unit = models.CharField(_("单位"), max_length=20)
    target = models.DecimalField(_("目标值"), max_digits=10, decimal_places=1)

    class Meta:
        verbose_name = _("项目指标")
        verbose_name_plural = _("项目指标")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} {self.target:g}{self.unit}"


class BudgetLine(models.Model):
    """预算明细: item × quantity at a unit price."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("支出项目"), max_length=100)
    unit_price = models.DecimalField(_("单价（元）"), max_digits=12, decimal_places=2)
    quantity = models.DecimalField(_("数量"), max_digits=10, decimal_places=1)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("预算明细")
        verbose_name_plural = _("预算明细")
        ordering = ["pk"]

    def __str__(self):
        return self.item

    @property
    def amount(self) -> Decimal:
        return (self.unit_price * self.quantity).quantize(Decimal("0.01"))


class ProjectDesignVersion(models.Model):
    """A submitted version of the design, kept so that revisions after a return are traceable."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="design_versions")
    number = models.PositiveIntegerField(_("版本号"))
    snapshot = models.JSONField(_("内容"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("项目书版本")
        verbose_name_plural = _("项目书版本")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="unique_design_version")
        ]

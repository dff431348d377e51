from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock, rules
from marketplace.workflow import WorkflowError, WorkflowModel, condition

from .. import panel_rules, periods, workdays
from .panel_conditions import (
    all_scored,
    enough_invitations,
    panel_ready,
    report_confirmed,
    review_left_too_few,
)


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


T = TenderState
# States in which bids are sealed (nobody but the bidder sees them).
SEALED_STATES = [T.DRAFT, T.PUBLISHED, T.CLARIFICATION, T.CLOSED]
CANCELLABLE = [T.DRAFT, T.PUBLISHED, T.CLARIFICATION, T.OPENED, T.EVALUATING, T.AWARD_PROPOSED]


def can_decide(tender, user) -> bool:
    return rules.can_decide(tender.project, user)


def nobody(tender, user) -> bool:
    """Steps only the scheduler takes (apply_transition with SYSTEM skips permissions)."""
    return False


def _setting(name, default):
    return getattr(settings, name, default)


@condition(_("评分项分值与价格分权重合计须为 100 分。"))
def weights_total_100(tender):
    total = sum((c.weight for c in tender.criteria.all()), Decimal("0"))
    return tender.criteria.exists() and total + tender.price_weight == Decimal("100")


@condition(_("政府购买服务的价格分权重须在 10%–30% 之间。"))
def price_weight_in_range(tender):
    return Decimal("10") <= tender.price_weight <= Decimal("30")


@condition(_("投标截止时间早于该采购方式的法定最短期限。"))
def deadline_far_enough(tender):
    try:
        earliest = periods.earliest_deadline(
            tender.method, clock.now(), _setting("TENDER_MIN_DAYS", None)
        )
    except workdays.CalendarUnknown as exc:
        raise WorkflowError(str(exc)) from exc
    return tender.deadline >= earliest


@condition(_("最高限价不得超过项目批准预算。"))
def ceiling_within_budget(tender):
    budget = tender.project.approved_budget
    return budget is not None and Decimal("0") < tender.ceiling_price <= budget


@condition(_("有效投标最少家数低于该采购方式的法定要求。"))
def min_bids_lawful(tender):
    return tender.min_valid_bids >= periods.minimum_valid_bids(tender.method)


@condition(_("投标截止时间未到，不能开标。"))
def deadline_passed(tender):
    return clock.now() >= tender.deadline


@condition(_("有效投标家数已达到要求，不能流标。"))
def too_few_valid_bids(tender):
    return tender.valid_bids().count() < tender.min_valid_bids


@condition(_("没有成立且影响中标结果的质疑，不能重新确定中标人。"))
def has_upheld_objection(tender):
    from .objection import ObjectionState

    if tender.award_proposed_at is None:
        return False
    return tender.objections.filter(
        state=ObjectionState.UPHELD,
        may_change_result=True,
        answered_at__gte=tender.award_proposed_at,
    ).exists()


@condition(_("尚有可能影响中标结果的质疑未答复或已成立，中标结果暂不能确定。"))
def no_blocking_objection(tender):
    from .objection import blocking_objections

    return not blocking_objections(tender).exists()


@condition(_("中标公示期尚未结束。"))
def publicity_over(tender):
    return tender.publicity_ends_at is not None and clock.now() >= tender.publicity_ends_at


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
    is_complex = models.BooleanField(
        _("技术复杂或社会影响较大"),
        default=False,
        help_text=_("招标项目评标委员会须不少于 7 人。"),
    )
    design_organisation = models.ForeignKey(
        "marketplace.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("项目设计或管理单位"),
        help_text=_("为本项目提供设计、编制或项目管理服务的社会组织，不得参加投标。"),
    )
    previous = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="retenders",
        verbose_name=_("原采购（流标后重新采购）"),
    )
    method_change_approved_by = models.CharField(
        _("变更采购方式批准单位"), max_length=200, blank=True
    )
    method_change_reason = models.TextField(_("变更采购方式理由"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    deadline = models.DateTimeField(_("投标截止时间"))
    opened_at = models.DateTimeField(_("开标时间"), null=True, blank=True)
    winning_bid = models.ForeignKey(
        "tenders.Bid",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("拟中标投标"),
    )
    # 评标结束（全部专家完成评分）: the purchaser confirms the winner within 5 working days.
    scored_at = models.DateTimeField(_("评标完成时间"), null=True, blank=True)
    award_proposed_at = models.DateTimeField(_("确定中标候选人时间"), null=True, blank=True)
    publicity_ends_at = models.DateTimeField(_("公示结束时间"), null=True, blank=True)
    awarded_at = models.DateTimeField(_("定标时间"), null=True, blank=True)
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

    @property
    def is_sealed(self) -> bool:
        """Bids stay sealed until the opening step has run (not merely until the deadline)."""
        return self.opened_at is None

    @property
    def documents_until(self):
        """The end of the documents' legal provision period (a `duedates.Due`), once published."""
        from ..duedates import documents_until

        return documents_until(self.published_at) if self.published_at else None

    @property
    def accepts_bids(self) -> bool:
        return self.state == T.PUBLISHED and clock.now() < self.deadline

    @property
    def minimum_panel_size(self) -> int:
        return panel_rules.minimum_size(self.method, self.ceiling_price, self.is_complex)

    def valid_bids(self):
        from .bid import BidState

        return self.bids.filter(state=BidState.VALID)

    @transition(
        field="state",
        source=T.DRAFT,
        target=T.PUBLISHED,
        permission=can_decide,
        conditions=[
            weights_total_100,
            price_weight_in_range,
            deadline_far_enough,
            ceiling_within_budget,
            min_bids_lawful,
            enough_invitations,
        ],
    )
    def publish(self, *, by, reason=""):
        self.published_at = clock.now()

    @transition(
        field="state",
        source=T.PUBLISHED,
        target=T.OPENED,
        permission=nobody,
        conditions=[deadline_passed],
    )
    def open(self, *, by, reason=""):
        self.opened_at = clock.now()

    @transition(
        field="state",
        source=T.OPENED,
        target=T.FAILED,
        permission=nobody,
        conditions=[too_few_valid_bids],
    )
    def fail(self, *, by, reason=""):
        """流标: fewer valid bids than the method needs."""

    @transition(
        field="state",
        source=T.EVALUATING,
        target=T.FAILED,
        permission=can_decide,
        conditions=[review_left_too_few],
    )
    def fail_after_review(self, *, by, reason=""):
        """流标 after 合格性审查: fewer qualified bids than the method needs."""

    @transition(
        field="state",
        source=T.OPENED,
        target=T.EVALUATING,
        permission=can_decide,
        conditions=[panel_ready],
    )
    def start_evaluation(self, *, by, reason=""):
        pass

    @transition(
        field="state",
        source=T.EVALUATING,
        target=T.AWARD_PROPOSED,
        permission=can_decide,
        conditions=[all_scored, report_confirmed],
    )
    def propose_award(self, *, by, reason="", winner, publicity_ends_at):
        self.winning_bid = winner
        self.award_proposed_at = clock.now()
        self.publicity_ends_at = publicity_ends_at

    @transition(
        field="state",
        source=[T.AWARD_PROPOSED, T.AWARDED],
        target=T.EVALUATING,
        permission=can_decide,
        conditions=[has_upheld_objection],
    )
    def reopen_award(self, *, by, reason):
        """质疑成立: back to evaluation so that the purchaser proposes the winner again."""
        self.winning_bid = None
        self.publicity_ends_at = None
        self.awarded_at = None
        self.scored_at = clock.now()  # the award is due again 5 working days from now

    @transition(
        field="state",
        source=T.AWARD_PROPOSED,
        target=T.AWARDED,
        permission=nobody,
        conditions=[publicity_over, no_blocking_objection],
    )
    def award(self, *, by, reason=""):
        self.awarded_at = clock.now()

    @transition(field="state", source=T.AWARDED, target=T.CONTRACTED, permission=can_decide)
    def contract_sign(self, *, by, reason=""):
        pass

    @transition(field="state", source=T.FAILED, target=T.FAILED, permission=can_decide)
    def retender(self, *, by, reason):
        """Recorded step: a failed tender is tendered again (with the method change, if any)."""

    @transition(field="state", source=CANCELLABLE, target=T.CANCELLED, permission=can_decide)
    def cancel(self, *, by, reason):
        pass


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

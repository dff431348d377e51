from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock
from marketplace.workflow import WorkflowModel, condition

from .. import grading, rules


class EvaluationKind(models.TextChoices):
    MID = "mid", _("中期评估")
    FINAL = "final", _("终期评估（履约验收）")


class EvaluationState(models.TextChoices):
    OPEN = "open", _("评分中")
    CLOSED_PASS = "closed_pass", _("已通过")
    CLOSED_FAIL = "closed_fail", _("未通过")


class PartyKind(models.TextChoices):
    RESIDENTS = "residents", _("服务对象满意度")
    COMMUNITY = "community", _("社区")
    THIRD_PARTY = "third_party", _("第三方评估机构")
    PURCHASER = "purchaser", _("购买主体")


class Grade(models.TextChoices):
    EXCELLENT = grading.EXCELLENT, _("优秀")
    GOOD = grading.GOOD, _("良好")
    PASS = grading.PASS, _("合格")
    FAIL = grading.FAIL, _("不合格")


S = EvaluationState


def _decides(evaluation, user):
    return rules.decides(evaluation.delivery, user)


@condition(_("还有评估方尚未评分，不能结束评估。"))
def every_party_scored(evaluation):
    return not evaluation.parties.filter(score__isnull=True).exists()


@condition(_("评估总分达到合格线，应按“通过”结束。"))
def is_failing(evaluation):
    return not evaluation.result()[2]


@condition(_("评估总分未达到合格线，不能按“通过”结束。"))
def is_passing(evaluation):
    return evaluation.result()[2]


class Evaluation(WorkflowModel):
    """评估: a mid-term or final evaluation of a delivery by several weighted parties."""

    delivery = models.ForeignKey(
        "evaluations.Delivery",
        models.PROTECT,
        related_name="evaluations",
        verbose_name=_("项目执行"),
    )
    kind = models.CharField(_("类型"), max_length=10, choices=EvaluationKind.choices)
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    excellent_from = models.DecimalField(
        _("优秀线"), max_digits=5, decimal_places=2, default=Decimal("90")
    )
    good_from = models.DecimalField(
        _("良好线"), max_digits=5, decimal_places=2, default=Decimal("80")
    )
    pass_from = models.DecimalField(
        _("合格线"), max_digits=5, decimal_places=2, default=Decimal("60")
    )
    total = models.DecimalField(_("总分"), max_digits=5, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("等级"), max_length=10, choices=Grade.choices, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("开始时间"), default=clock.now)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    state = FSMField(_("状态"), default=S.OPEN, choices=S.choices, protected=True, db_index=True)

    class Meta:
        verbose_name = _("评估")
        verbose_name_plural = _("评估")
        ordering = ["opened_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.round}"

    @property
    def thresholds(self) -> grading.Thresholds:
        return grading.Thresholds(self.excellent_from, self.good_from, self.pass_from)

    @property
    def passed(self) -> bool:
        return self.state == S.CLOSED_PASS

    def result(self) -> tuple[Decimal, str, bool]:
        """(total, grade, passed) from the parties' scores (missing scores count as 0)."""
        pairs = [
            (getattr(p, "score", None) and p.score.score or 0, p.weight)
            for p in self.parties.select_related("score")
        ]
        value = grading.total(pairs)
        return value, grading.grade(value, self.thresholds), grading.passes(value, self.thresholds)

    def _close(self):
        self.total, self.grade, _passed = self.result()
        self.closed_at = clock.now()

    @transition(
        field=state,
        source=S.OPEN,
        target=S.CLOSED_PASS,
        permission=_decides,
        conditions=[every_party_scored, is_passing],
    )
    def close_pass(self, *, by, reason=""):
        self._close()

    @transition(
        field=state,
        source=S.OPEN,
        target=S.CLOSED_FAIL,
        permission=_decides,
        conditions=[every_party_scored, is_failing],
    )
    def close_fail(self, *, by, reason=""):
        self._close()


class EvaluationParty(models.Model):
    """评估方: one weighted party of an evaluation; `scorer` empty lets any eligible person score."""

    evaluation = models.ForeignKey(Evaluation, models.CASCADE, related_name="parties")
    kind = models.CharField(_("评估方"), max_length=20, choices=PartyKind.choices)
    weight = models.PositiveSmallIntegerField(
        _("权重（%）"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluation_parties",
        verbose_name=_("评分人"),
    )

    class Meta:
        verbose_name = _("评估方")
        verbose_name_plural = _("评估方")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "kind"], name="one_party_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.weight}%"


class PartyScore(models.Model):
    """评估方评分: each party scores once (one row per party)."""

    party = models.OneToOneField(EvaluationParty, models.CASCADE, related_name="score")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    score = models.DecimalField(
        _("得分"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    comment = models.TextField(_("评价意见"), blank=True)
    scored_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("评估方评分")
        verbose_name_plural = _("评估方评分")


class PartyCriterion(models.Model):
    """评估指标: one weighted criterion of a party, with guidance for the scorer."""

    party = models.ForeignKey(EvaluationParty, models.CASCADE, related_name="criteria")
    name = models.CharField(_("评估指标"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("权重（%）"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    guidance = models.TextField(_("评分指引"), blank=True)
    # A final evaluation's acceptance criterion drawn from the contract's service standard.
    is_service_standard = models.BooleanField(_("合同服务标准"), default=False)

    class Meta:
        verbose_name = _("评估指标")
        verbose_name_plural = _("评估指标")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} {self.weight}%"


class CriterionScore(models.Model):
    """评估指标得分: the party's scorer scores each criterion once (0–100)."""

    criterion = models.OneToOneField(PartyCriterion, models.CASCADE, related_name="score")
    score = models.DecimalField(
        _("得分"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("评估指标得分")
        verbose_name_plural = _("评估指标得分")

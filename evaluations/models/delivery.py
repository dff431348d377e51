from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock
from marketplace.workflow import WorkflowModel, condition

from .. import rules


class DeliveryState(models.TextChoices):
    PREPARING = "preparing", _("准备中")
    IN_DELIVERY = "in_delivery", _("执行中")
    UNDER_EVALUATION = "under_evaluation", _("评估中")
    RECTIFYING = "rectifying", _("整改中")
    COMPLETED = "completed", _("已完成")
    TERMINATED = "terminated", _("已终止")


class Qualification(models.TextChoices):
    NONE = "none", _("无（志愿者/辅助人员）")
    ASSISTANT = "assistant", _("助理社会工作师")
    SOCIAL_WORKER = "social_worker", _("社会工作师")
    SENIOR = "senior", _("高级社会工作师")


QUALIFIED = [Qualification.ASSISTANT, Qualification.SOCIAL_WORKER, Qualification.SENIOR]
S = DeliveryState


@condition(_("尚未指定至少一名持证社会工作者（助理社会工作师及以上），不能开始执行。"))
def has_qualified_social_worker(delivery):
    return delivery.team.filter(qualification__in=QUALIFIED).exists()


class Delivery(WorkflowModel):
    """项目执行: the delivery of one contract by the winning organisation's team."""

    contract = models.OneToOneField(
        "tenders.Contract", models.PROTECT, related_name="delivery", verbose_name=_("合同")
    )
    # Denormalised from the contract so that project pages and lists join once.
    project = models.ForeignKey(
        "marketplace.Project", models.PROTECT, related_name="deliveries", verbose_name=_("项目")
    )
    rectification_deadline = models.DateField(_("整改期限"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    state = FSMField(
        _("状态"), default=S.PREPARING, choices=S.choices, protected=True, db_index=True
    )

    class Meta:
        verbose_name = _("项目执行")
        verbose_name_plural = _("项目执行")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.project.title

    @transition(
        field=state,
        source=S.PREPARING,
        target=S.IN_DELIVERY,
        permission=rules.starts,
        conditions=[has_qualified_social_worker],
    )
    def start(self, *, by, reason=""):
        pass

    @transition(
        field=state,
        source=[S.IN_DELIVERY, S.RECTIFYING],
        target=S.UNDER_EVALUATION,
        permission=rules.decides,
    )
    def start_evaluation(self, *, by, reason=""):
        pass

    @transition(
        field=state,
        source=[S.IN_DELIVERY, S.UNDER_EVALUATION],
        target=S.RECTIFYING,
        permission=rules.decides,
    )
    def rectify(self, *, by, reason, deadline):
        self.rectification_deadline = deadline

    @transition(field=state, source=S.RECTIFYING, target=S.IN_DELIVERY, permission=rules.decides)
    def resume(self, *, by, reason=""):
        """A mid-term re-evaluation passed: rectification is over."""
        self.rectification_deadline = None

    @transition(
        field=state, source=S.UNDER_EVALUATION, target=S.COMPLETED, permission=rules.decides
    )
    def complete(self, *, by, reason=""):
        self.rectification_deadline = None

    @transition(
        field=state,
        source=[S.PREPARING, S.IN_DELIVERY, S.UNDER_EVALUATION, S.RECTIFYING],
        target=S.TERMINATED,
        permission=rules.decides,
    )
    def terminate(self, *, by, reason):
        pass


class TeamMember(models.Model):
    """项目团队成员: a social worker, assistant or volunteer named for a delivery."""

    delivery = models.ForeignKey(Delivery, models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="delivery_roles"
    )
    role = models.CharField(_("项目中的角色"), max_length=50)
    qualification = models.CharField(
        _("职业资格"), max_length=20, choices=Qualification.choices, default=Qualification.NONE
    )
    certificate_number = models.CharField(_("证书编号"), max_length=50, blank=True)
    is_volunteer = models.BooleanField(_("志愿者"), default=False)
    added_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("项目团队成员")
        verbose_name_plural = _("项目团队成员")
        ordering = ["is_volunteer", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "user"], name="one_seat_per_team_member")
        ]

    def __str__(self):
        return f"{self.user.display_name}（{self.role}）"

    @property
    def is_qualified(self) -> bool:
        return self.qualification in QUALIFIED

"""质疑: a bidder's written objection to the award, answered by the purchaser."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock, rules
from marketplace.workflow import WorkflowModel, condition


class ObjectionState(models.TextChoices):
    FILED = "filed", _("待答复")
    UPHELD = "upheld", _("已答复：质疑成立")
    REJECTED = "rejected", _("已答复：质疑不成立")
    WITHDRAWN = "withdrawn", _("已撤回")


OS = ObjectionState
ANSWERED = [OS.UPHELD, OS.REJECTED]


def can_decide(objection, user) -> bool:
    return rules.can_decide(objection.tender.project, user)


def of_objector(objection, user) -> bool:
    return rules.is_member_of(user, objection.organisation)


@condition(_("请填写书面答复。"))
def has_answer(objection):
    return bool(objection.answer.strip())


class Objection(WorkflowModel):
    """质疑: filed in writing by a bidder; answered (upheld or rejected) or withdrawn."""

    tender = models.ForeignKey("tenders.Tender", models.PROTECT, related_name="objections")
    organisation = models.ForeignKey(
        "marketplace.Organisation", models.PROTECT, related_name="objections"
    )
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("提出时间"), default=clock.now)
    text = models.TextField(_("质疑事项与理由"))
    may_change_result = models.BooleanField(
        _("可能影响中标结果"),
        default=True,
        help_text=_("可能影响中标结果的质疑未答复前，不能签订合同。"),
    )
    answer = models.TextField(_("书面答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    state = FSMField(_("状态"), default=OS.FILED, choices=OS.choices, protected=True)

    class Meta:
        verbose_name = _("质疑")
        verbose_name_plural = _("质疑")
        ordering = ["filed_at", "pk"]

    def __str__(self):
        return f"{self.tender_id}-Z{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state == OS.FILED

    @property
    def changes_result(self) -> bool:
        return self.state == OS.UPHELD and self.may_change_result

    @transition(
        field="state",
        source=OS.FILED,
        target=OS.UPHELD,
        permission=can_decide,
        conditions=[has_answer],
    )
    def uphold(self, *, by, reason=""):
        self.answered_at = clock.now()

    @transition(
        field="state",
        source=OS.FILED,
        target=OS.REJECTED,
        permission=can_decide,
        conditions=[has_answer],
    )
    def reject(self, *, by, reason=""):
        self.answered_at = clock.now()

    @transition(field="state", source=OS.FILED, target=OS.WITHDRAWN, permission=of_objector)
    def withdraw(self, *, by, reason=""):
        pass


def blocking_objections(tender):
    """Objections that may change the result and are open, or upheld since the proposal."""
    blocking = models.Q(state=OS.FILED)
    if tender.award_proposed_at is not None:
        # upheld after the current proposal: the purchaser must propose the winner again
        blocking |= models.Q(state=OS.UPHELD, answered_at__gte=tender.award_proposed_at)
    return Objection.objects.filter(blocking, tender=tender, may_change_result=True)

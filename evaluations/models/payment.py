from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock
from marketplace import rules as core
from marketplace.workflow import WorkflowModel, condition
from tenders.models import ContractState

from .evaluation import EvaluationKind, EvaluationState


class PaymentGate(models.TextChoices):
    SIGNING = "signing", _("合同签订后")
    MID_PASS = "mid_pass", _("中期评估通过后")
    FINAL_PASS = "final_pass", _("终期评估通过后")


class PaymentState(models.TextChoices):
    PENDING = "pending", _("待支付")
    RELEASED = "released", _("已拨付")


@condition(_("付款条件尚未满足（合同未签订或对应评估未通过），不能拨付。"))
def gate_holds(item):
    contract = item.contract
    if item.gate == PaymentGate.SIGNING:
        return contract.state == ContractState.SIGNED
    kind = EvaluationKind.MID if item.gate == PaymentGate.MID_PASS else EvaluationKind.FINAL
    from .evaluation import Evaluation

    return Evaluation.objects.filter(
        delivery__contract=contract, kind=kind, state=EvaluationState.CLOSED_PASS
    ).exists()


@condition(_("拨付后累计金额将超过合同金额，不能拨付。"))
def within_contract_amount(item):
    released = PaymentItem.objects.filter(
        contract=item.contract_id, state=PaymentState.RELEASED
    ).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    return released + item.amount <= item.contract.amount


def _decides(item, user):
    return core.can_decide(item.contract.project, user)


class PaymentItem(WorkflowModel):
    """付款节点: one instalment of the contract's payment schedule."""

    contract = models.ForeignKey(
        "tenders.Contract", models.PROTECT, related_name="payment_items", verbose_name=_("合同")
    )
    label = models.CharField(_("款项"), max_length=100)
    percentage = models.DecimalField(_("比例（%）"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2)
    gate = models.CharField(_("支付条件"), max_length=20, choices=PaymentGate.choices)
    released_at = models.DateTimeField(_("拨付时间"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = FSMField(
        _("状态"),
        default=PaymentState.PENDING,
        choices=PaymentState.choices,
        protected=True,
        db_index=True,
    )

    class Meta:
        verbose_name = _("付款节点")
        verbose_name_plural = _("付款节点")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.label} {self.amount}"

    @transition(
        field=state,
        source=PaymentState.PENDING,
        target=PaymentState.RELEASED,
        permission=_decides,
        conditions=[gate_holds, within_contract_amount],
    )
    def release(self, *, by, reason=""):
        self.released_at = clock.now()
        self.released_by = by

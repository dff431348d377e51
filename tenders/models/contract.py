from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock, rules
from marketplace.workflow import WorkflowModel, condition


class ContractState(models.TextChoices):
    DRAFT = "draft", _("待签署")
    SIGNED = "signed", _("已签署")
    TERMINATED = "terminated", _("已终止")


def can_decide(contract, user) -> bool:
    return rules.can_decide(contract.project, user)


@condition(_("合同金额不得高于中标价。"))
def amount_within_price(contract):
    return 0 < contract.amount <= contract.bid.price


@condition(_("服务结束日期须晚于开始日期。"))
def period_valid(contract):
    return contract.end_date > contract.start_date


class Contract(WorkflowModel):
    """合同: between the purchaser and the winning organisation."""

    tender = models.OneToOneField("tenders.Tender", models.PROTECT, related_name="contract")
    project = models.ForeignKey("marketplace.Project", models.PROTECT, related_name="contracts")
    organisation = models.ForeignKey(
        "marketplace.Organisation", models.PROTECT, related_name="contracts"
    )
    bid = models.OneToOneField("tenders.Bid", models.PROTECT, related_name="contract")
    amount = models.DecimalField(_("合同金额（元）"), max_digits=12, decimal_places=2)
    start_date = models.DateField(_("服务开始日期"))
    end_date = models.DateField(_("服务结束日期"))
    service_standard = models.TextField(_("服务标准"))
    signed_at = models.DateTimeField(_("签署时间"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    state = FSMField(
        _("状态"), default=ContractState.DRAFT, choices=ContractState.choices, protected=True
    )

    class Meta:
        verbose_name = _("合同")
        verbose_name_plural = _("合同")

    def __str__(self):
        return f"{self.tender.title}（{self.organisation.name}）"

    @transition(
        field="state",
        source=ContractState.DRAFT,
        target=ContractState.SIGNED,
        permission=can_decide,
        conditions=[amount_within_price, period_valid],
    )
    def sign(self, *, by, reason=""):
        self.signed_at = clock.now()

    @transition(
        field="state",
        source=ContractState.SIGNED,
        target=ContractState.TERMINATED,
        permission=can_decide,
    )
    def terminate(self, *, by, reason):
        pass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock, rules
from marketplace.workflow import WorkflowModel, condition

from .. import duedates


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


@condition(
    _("服务期限一般为一年；只有标明为稳定持续、资金有保障的服务项目，服务期限才可长至三年。")
)
def term_lawful(contract):
    years = 3 if contract.stable_service else 1
    return contract.end_date <= duedates.add_years(contract.start_date, years)


@condition(_("尚有可能影响中标结果的质疑未答复或已成立，不能签订合同。"))
def no_blocking_objection(contract):
    from .objection import blocking_objections

    return not blocking_objections(contract.tender).exists()


def of_winner(contract, user) -> bool:
    return rules.is_member_of(user, contract.organisation)


@condition(_("承接方已签署本合同。"))
def not_countersigned(contract):
    return contract.countersigned_at is None


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
    stable_service = models.BooleanField(
        _("稳定持续、资金有保障的服务"),
        default=False,
        help_text=_("只有这样的服务项目合同期限可超过一年（最长三年）。"),
    )
    signed_at = models.DateTimeField(_("签署时间"), null=True, blank=True)
    # 承接方签署: the organisation's countersignature, recorded as its own transition.
    countersigned_at = models.DateTimeField(_("承接方签署时间"), null=True, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承接方签署人"),
    )
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
        conditions=[amount_within_price, period_valid, term_lawful, no_blocking_objection],
    )
    def sign(self, *, by, reason=""):
        self.signed_at = clock.now()

    @transition(
        field="state",
        source=ContractState.SIGNED,
        target=ContractState.SIGNED,
        permission=of_winner,
        conditions=[not_countersigned],
    )
    def countersign(self, *, by, reason=""):
        """承接方签署: the organisation signs the contract the purchaser signed."""
        self.countersigned_at = clock.now()
        self.countersigned_by = by

    @transition(
        field="state",
        source=ContractState.SIGNED,
        target=ContractState.TERMINATED,
        permission=can_decide,
    )
    def terminate(self, *, by, reason):
        pass

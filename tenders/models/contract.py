from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from marketplace import clock
from marketplace.workflow import WorkflowModel


class ContractState(models.TextChoices):
    DRAFT = "draft", _("待签署")
    SIGNED = "signed", _("已签署")
    TERMINATED = "terminated", _("已终止")


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

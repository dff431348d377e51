from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from marketplace import clock
from marketplace.models.document import private_storage
from marketplace.workflow import WorkflowModel


class BidState(models.TextChoices):
    SUBMITTED = "submitted", _("已递交")
    REPLACED = "replaced", _("已被替换")
    WITHDRAWN = "withdrawn", _("已撤回")
    VALID = "valid", _("有效")
    INVALID = "invalid", _("无效")


class Bid(WorkflowModel):
    """投标: sealed until the tender's deadline; only its own organisation sees it before."""

    tender = models.ForeignKey("tenders.Tender", models.PROTECT, related_name="bids")
    organisation = models.ForeignKey(
        "marketplace.Organisation", models.PROTECT, related_name="bids"
    )
    price = models.DecimalField(_("投标报价（元）"), max_digits=12, decimal_places=2)
    proposal = models.TextField(_("技术方案"))
    # Private storage: no URL serves it; a view checks the seal and the viewer first.
    file = models.FileField(
        _("方案附件"), storage=private_storage, upload_to="bids/%Y/%m/", blank=True
    )
    digest = models.CharField(_("SHA-256 摘要"), max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("递交时间"), default=clock.now)
    state = FSMField(
        _("状态"), default=BidState.SUBMITTED, choices=BidState.choices, protected=True
    )

    class Meta:
        verbose_name = _("投标")
        verbose_name_plural = _("投标")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.tender_id}-{self.pk}"

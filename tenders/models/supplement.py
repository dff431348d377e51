"""补充协议: an addition to a signed contract; all of them together add at most 10 %."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace import clock

# 政府采购法第四十九条: supplementary purchases may not exceed 10 % of the original amount.
SUPPLEMENT_CAP = Decimal("0.10")


class SupplementaryAgreement(models.Model):
    """补充协议: amount and content, recorded with who signed it and when (never edited)."""

    contract = models.ForeignKey("tenders.Contract", models.PROTECT, related_name="supplements")
    amount = models.DecimalField(_("追加金额（元）"), max_digits=12, decimal_places=2)
    content = models.TextField(_("补充内容"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("签订时间"), default=clock.now)

    class Meta:
        verbose_name = _("补充协议")
        verbose_name_plural = _("补充协议")
        ordering = ["signed_at", "pk"]

    def __str__(self):
        return f"HT-{self.contract_id:06d}-BC{self.pk}"

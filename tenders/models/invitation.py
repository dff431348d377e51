from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace import clock


class Invitation(models.Model):
    """投标邀请: for 邀请招标, an organisation the purchaser invited (only they may bid)."""

    tender = models.ForeignKey("tenders.Tender", models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "marketplace.Organisation", models.PROTECT, related_name="+", verbose_name=_("受邀组织")
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(_("邀请时间"), default=clock.now)

    class Meta:
        verbose_name = _("投标邀请")
        verbose_name_plural = _("投标邀请")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["tender", "organisation"], name="one_invitation")
        ]

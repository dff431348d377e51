from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import clock


class TransitionRecord(models.Model):
    """One state change of a workflow object: who, when, from, to, why."""

    content_type = models.ForeignKey(ContentType, models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(_("操作"), max_length=50)
    source = models.CharField(_("原状态"), max_length=30)
    target = models.CharField(_("新状态"), max_length=30)
    # NULL means the scheduler acted (a deadline passed), not a person.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, verbose_name=_("操作人")
    )
    reason = models.TextField(_("理由"), blank=True)
    at = models.DateTimeField(_("时间"), default=clock.now)

    class Meta:
        verbose_name = _("状态变更记录")
        verbose_name_plural = _("状态变更记录")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.transition}: {self.source} → {self.target}"

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace import clock
from marketplace.models.document import private_storage


def evidence_storage():
    """Callable, so that migrations name it instead of freezing a machine's path."""
    return private_storage()


class LogEvidence(models.Model):
    """执行佐证材料: a photo or file attached to one version of a delivery log (kept private)."""

    log = models.ForeignKey(
        "evaluations.DeliveryLog", models.PROTECT, related_name="evidence", verbose_name=_("日志")
    )
    file = models.FileField(_("文件"), storage=evidence_storage, upload_to="evidence/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    extension = models.CharField(_("类型"), max_length=5)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), default=clock.now)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def is_image(self) -> bool:
        return self.extension in ("jpg", "png")

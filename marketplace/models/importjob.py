from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import clock
from .document import private_storage


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("处理中")
    VALID = "valid", _("检查通过，待确认导入")
    INVALID = "invalid", _("检查发现错误")
    DONE = "done", _("已导入")
    FAILED = "failed", _("导入失败，未写入任何数据")


FINISHED = {ImportStatus.VALID, ImportStatus.INVALID, ImportStatus.DONE, ImportStatus.FAILED}


def import_storage():
    """Callable, so that migrations name it instead of freezing a machine's path."""
    return private_storage()


class ImportJob(models.Model):
    """批量导入任务: one uploaded file, checked (dry run) and then committed in one transaction.

    The status is a progress marker of a background task, not a business workflow: it is
    written only by marketplace.imports.jobs, so it is a plain field rather than an FSM.
    """

    kind = models.CharField(_("导入类型"), max_length=30)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("导入人")
    )
    file = models.FileField(_("文件"), storage=import_storage, upload_to="imports/%Y/%m/")
    filename = models.CharField(_("文件名"), max_length=200)
    commit = models.BooleanField(_("确认导入"), default=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(_("数据行数"), default=0)
    processed_rows = models.PositiveIntegerField(_("已检查行数"), default=0)
    created_count = models.PositiveIntegerField(_("已导入条数"), default=0)
    # [{"row": 3, "column": "名称", "message": "…"}]; row 0 = the file as a whole.
    errors = models.JSONField(_("错误报告"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    created_at = models.DateTimeField(_("上传时间"), default=clock.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} · {self.filename}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        return int(self.processed_rows * 100 / self.total_rows) if self.total_rows else 0

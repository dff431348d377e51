"""Import jobs: upload → background check (dry run) → confirm → background commit."""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from .. import clock
from ..models import ImportJob, ImportStatus
from ..workflow import WorkflowError
from . import registry, running
from .reading import FileInvalid, max_bytes, read_table


def import_job_create(*, user, kind: str, upload) -> ImportJob:
    """Keep the uploaded file and queue its check; nothing is imported yet."""
    importer = registry.get(kind)
    if not importer.may_import(user):
        raise PermissionDenied(_("您没有导入%(label)s的权限。") % {"label": importer.label})
    if upload.size > max_bytes():
        raise WorkflowError(
            _("文件过大，单个文件不能超过 %(limit)d MB，请分批导入。")
            % {"limit": max_bytes() // 1048576},
            status=400,
        )
    if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
        raise WorkflowError(_("只支持 .csv 和 .xlsx 文件。"), status=400)
    with transaction.atomic():
        job = ImportJob(kind=kind, user=user, filename=upload.name[:200])
        job.file.save(upload.name, ContentFile(upload.read()), save=False)
        job.save()
        _enqueue(job)
    return job


def import_job_confirm(*, job: ImportJob, user) -> ImportJob:
    """The importer confirms a checked file: queue the commit (one transaction, all or nothing)."""
    if job.user_id != user.pk:
        raise PermissionDenied(_("只有上传人可以确认导入。"))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.VALID:
            raise WorkflowError(_("只有检查通过的文件才能确认导入。"), status=409)
        job.commit = True
        job.status = ImportStatus.PENDING
        job.processed_rows = 0
        job.save(update_fields=["commit", "status", "processed_rows"])
        _enqueue(job)
    return job


def _enqueue(job: ImportJob) -> None:
    from ..tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.delay(job.pk))


def _progress(job_id: int):
    def update(n: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(processed_rows=n)

    return update


def import_job_run(job_id: int) -> None:
    """The task's body: check (and, when confirmed, commit) the job's file. Idempotent."""
    job = ImportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.PENDING:
        return
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    importer = registry.get(job.kind)
    report = running.Report()
    try:
        if not importer.may_import(job.user):
            raise FileInvalid(_("您已没有导入%(label)s的权限。") % {"label": importer.label})
        with job.file.open("rb") as fh:
            table = read_table(fh.read(), job.filename, importer.columns)
        ImportJob.objects.filter(pk=job.pk).update(total_rows=len(table.rows))
        step = running.commit if job.commit else running.check
        report = step(importer, table, job.user, _progress(job.pk))
    except FileInvalid as exc:
        report.add(0, "", exc.message)
    except DatabaseError:
        report.created = 0
        report.add(
            0, "", _("写入数据库时出错（可能有人同时修改了相同数据），未导入任何数据，请重试。")
        )
    if job.commit:
        status = ImportStatus.DONE if report.ok else ImportStatus.FAILED
    else:
        status = ImportStatus.VALID if report.ok else ImportStatus.INVALID
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        total_rows=report.total,
        processed_rows=report.checked,
        created_count=report.created,
        errors=report.errors,
        error_count=report.error_count,
        finished_at=clock.now(),
    )

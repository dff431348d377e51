"""Bulk import pages: choose a kind, upload, watch the check, confirm, see the report."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from .. import clock
from ..exports.writing import XLSX_TYPE
from ..forms import ImportUploadForm
from ..imports import registry, samples
from ..imports.jobs import import_job_confirm, import_job_create
from ..imports.reading import max_bytes, max_rows
from ..models import ImportJob
from ..workflow import WorkflowError


@login_required
def import_index(request):
    importers = registry.available_to(request.user)
    if not importers:
        raise PermissionDenied
    jobs = ImportJob.objects.filter(user=request.user)[:20]
    return render(request, "marketplace/imports/index.html", {"importers": importers, "jobs": jobs})


def _importer_for(request, kind):
    importer = registry.get(kind)
    if not importer.may_import(request.user):
        raise PermissionDenied
    return importer


@login_required
def import_upload(request, kind):
    importer = _importer_for(request, kind)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(user=request.user, kind=kind, upload=form.cleaned_data["file"])
            return redirect("import_job", pk=job.pk)
        except WorkflowError as exc:
            form.add_error("file", exc.message)
    context = {
        "importer": importer,
        "form": form,
        "max_mb": max_bytes() // 1048576,
        "max_rows": max_rows(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "marketplace/imports/upload.html", context, status=status)


@login_required
def import_template(request, kind, fmt):
    importer = _importer_for(request, kind)
    if fmt == "csv":
        body, content_type = samples.template_csv(importer), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body, content_type = samples.template_xlsx(importer), XLSX_TYPE
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    filename = f"{importer.label}导入模板-{clock.today():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _own_job(request, pk) -> ImportJob:
    job = get_object_or_404(ImportJob, pk=pk)
    if job.user_id != request.user.pk:
        raise PermissionDenied
    return job


@login_required
def import_job(request, pk):
    job = _own_job(request, pk)
    context = {"job": job, "importer": registry.get(job.kind)}
    if request.headers.get("HX-Request"):
        return render(request, "marketplace/imports/job_status.html", context)
    return render(request, "marketplace/imports/job.html", context)


@login_required
@require_POST
def import_job_commit(request, pk):
    job = import_job_confirm(job=_own_job(request, pk), user=request.user)
    return redirect("import_job", pk=job.pk)

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .. import rules, selectors
from ..forms_volunteers import EvidenceForm, VolunteerServiceForm
from ..models import DeliveryLog, LogEvidence
from ..services.evidence import evidence_add
from ..services.volunteer_hours import volunteer_service_record
from . import visible_delivery
from .logs import log_detail


@login_required
@require_POST
def evidence_new(request, pk):
    log = get_object_or_404(DeliveryLog, pk=pk)
    visible_delivery(request, log.delivery_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            evidence_add(log=log, user=request.user, name=upload.name, data=upload.read())
            return redirect("evaluations:log", pk=pk)
        except ValidationError as exc:
            form.add_error("file", exc)
    return log_detail(request, pk, evidence_form=form, status=400)


@login_required
def evidence_file(request, pk):
    """Private evidence, streamed only to those who may see the delivery."""
    evidence = get_object_or_404(LogEvidence.objects.select_related("log"), pk=pk)
    delivery = visible_delivery(request, evidence.log.delivery_id)
    if not rules.views_evidence(
        delivery, request.user, scores_it=selectors.scores_delivery(delivery, request.user)
    ):
        raise PermissionDenied
    return FileResponse(
        evidence.file.open("rb"), as_attachment=not evidence.is_image, filename=evidence.name
    )


@login_required
@require_POST
def volunteer_hours_new(request, pk):
    log = get_object_or_404(DeliveryLog, pk=pk)
    delivery = visible_delivery(request, log.delivery_id)
    form = VolunteerServiceForm(
        request.POST, volunteers=selectors.volunteers_for_delivery(delivery), day=log.date
    )
    if form.is_valid():
        try:
            volunteer_service_record(log=log, user=request.user, **form.service_kwargs())
            return redirect("evaluations:log", pk=pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return log_detail(request, pk, hours_form=form, status=400)

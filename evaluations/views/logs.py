from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from .. import rules, selectors
from ..forms import LogCorrectForm, LogForm
from ..forms_volunteers import EvidenceForm, VolunteerServiceForm
from ..models import DeliveryLog
from ..services import logs as services
from . import visible_delivery


def log_list(request, pk):
    delivery = visible_delivery(request, pk)
    page = Paginator(selectors.current_logs(delivery), 30).get_page(request.GET.get("page"))
    context = {
        "delivery": delivery,
        "page": page,
        "progress": selectors.progress_for(delivery),
        "can_log": rules.logs(delivery, request.user),
    }
    return render(request, "evaluations/log_list.html", context)


def log_new(request, pk):
    delivery = visible_delivery(request, pk)
    if not rules.logs(delivery, request.user):
        raise PermissionDenied
    form = LogForm(request.POST or None, project=delivery.project)
    if request.method == "POST" and form.is_valid():
        services.log_record(delivery=delivery, user=request.user, **form.cleaned_data)
        return redirect("evaluations:logs", pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"delivery": delivery, "form": form, "title": "记录执行日志"}
    return render(request, "evaluations/log_form.html", context, status=status)


def log_detail(request, pk, *, evidence_form=None, hours_form=None, status=200):
    log = get_object_or_404(DeliveryLog.objects.select_related("author", "indicator"), pk=pk)
    delivery = visible_delivery(request, log.delivery_id)
    history = selectors.log_history(log)
    can_log = log.is_current and rules.logs(delivery, request.user)
    records = log.is_current and rules.records_volunteer_hours(delivery, request.user)
    context = {
        "delivery": delivery,
        "log": log,
        "history": history,
        "services": selectors.log_volunteer_services(log, history),
        "evidence": selectors.log_evidence(history)
        if rules.views_evidence(
            delivery, request.user, scores_it=selectors.scores_delivery(delivery, request.user)
        )
        else None,
        "can_log": can_log,
        "evidence_form": evidence_form or (EvidenceForm() if can_log else None),
        "hours_form": hours_form
        or (
            VolunteerServiceForm(
                volunteers=selectors.volunteers_for_delivery(delivery), day=log.date
            )
            if records
            else None
        ),
    }
    return render(request, "evaluations/log_detail.html", context, status=status)


def log_correct(request, pk):
    log = get_object_or_404(DeliveryLog, pk=pk)
    delivery = visible_delivery(request, log.delivery_id)
    if not rules.logs(delivery, request.user):
        raise PermissionDenied
    form = LogCorrectForm(request.POST or None, instance=log, project=delivery.project)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        new = services.log_correct(log=log, user=request.user, reason=data.pop("reason"), **data)
        return redirect("evaluations:log", pk=new.pk)
    status = 400 if request.method == "POST" else 200
    context = {"delivery": delivery, "form": form, "log": log, "title": "更正执行日志"}
    return render(request, "evaluations/log_form.html", context, status=status)

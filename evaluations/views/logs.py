from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from .. import rules, selectors
from ..forms import LogCorrectForm, LogForm
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


def log_detail(request, pk):
    log = get_object_or_404(DeliveryLog.objects.select_related("author", "indicator"), pk=pk)
    delivery = visible_delivery(request, log.delivery_id)
    context = {"delivery": delivery, "log": log, "history": selectors.log_history(log)}
    return render(request, "evaluations/log_detail.html", context)


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

"""Purchaser steps: create/publish/cancel, start evaluation, award, contract (panel: panel.py)."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace import rules as core_rules
from marketplace.forms import ReasonForm
from marketplace.models import Project

from .. import rules
from ..forms import DEFAULT_CRITERIA, ContractForm, CriterionFormSet, TenderForm
from ..models import Tender
from ..services import eligibility as eligibility_services
from ..services import tenders as services
from .public import tender_detail


def _tender(pk):
    return get_object_or_404(Tender.objects.select_related("project"), pk=pk)


@login_required
def tender_create(request, project_pk):
    project = get_object_or_404(Project, pk=project_pk)
    if not core_rules.can_decide(project, request.user):
        raise PermissionDenied
    form = TenderForm(request.POST or None, initial=TenderForm.initial_for(project))
    criteria = CriterionFormSet(request.POST or None, prefix="c", initial=DEFAULT_CRITERIA)
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        rows = [f.cleaned_data for f in criteria if f.cleaned_data]
        tender = services.tender_create(
            project=project, user=request.user, criteria=rows, **form.cleaned_data
        )
        return redirect("tenders:detail", pk=tender.pk)
    status = 400 if request.method == "POST" else 200
    context = {"project": project, "form": form, "criteria": criteria}
    return render(request, "tenders/tender_form.html", context, status=status)


@login_required
@require_POST
def tender_publish(request, pk):
    services.tender_publish(tender=_tender(pk), user=request.user)
    return redirect("tenders:detail", pk=pk)


@login_required
@require_POST
def tender_cancel(request, pk):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return tender_detail(request, pk, forms={"cancel_form": form}, status=400)
    services.tender_cancel(
        tender=_tender(pk), user=request.user, reason=form.cleaned_data["reason"]
    )
    return redirect("tenders:detail", pk=pk)


@login_required
@require_POST
def tender_start_evaluation(request, pk):
    services.tender_start_evaluation(tender=_tender(pk), user=request.user)
    return redirect("tenders:detail", pk=pk)


@login_required
@require_POST
def tender_fail_after_review(request, pk):
    eligibility_services.tender_fail_after_review(tender=_tender(pk), actor=request.user)
    return redirect("tenders:detail", pk=pk)


@login_required
def contract_form(request, pk):
    tender = get_object_or_404(Tender.objects.select_related("project", "winning_bid"), pk=pk)
    if not rules.can_decide(tender, request.user) or tender.winning_bid is None:
        raise PermissionDenied
    project = tender.project
    start = project.period_start
    initial = {
        "amount": tender.winning_bid.price,
        "start_date": start,
        "end_date": project.period_end or (start and start + timedelta(days=365)),
        "service_standard": project.service_content,
    }
    form = ContractForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.contract_sign(tender=tender, user=request.user, **form.cleaned_data)
        return redirect("project_detail", pk=project.pk)
    context = {"tender": tender, "form": form}
    return render(
        request,
        "tenders/contract_form.html",
        context,
        status=400 if request.method == "POST" else 200,
    )

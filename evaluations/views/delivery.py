from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace import clock
from marketplace.forms import ReasonForm
from marketplace.selectors import timeline_for
from tenders.models import Contract

from .. import rules, selectors
from ..forms import EvaluationOpenForm, TeamMemberForm
from ..services import delivery as services
from . import visible_delivery


@login_required
@require_POST
def setup(request, pk):
    delivery = services.delivery_setup(
        contract=get_object_or_404(Contract, pk=pk), user=request.user
    )
    return redirect("evaluations:delivery", pk=delivery.pk)


def detail(request, pk, *, open_form=None, status=200):
    delivery = visible_delivery(request, pk)
    context = {
        "delivery": delivery,
        "project": delivery.project,
        "progress": selectors.progress_for(delivery),
        "team": selectors.team_for(delivery),
        "logs": selectors.current_logs(delivery)[:10],
        "totals": selectors.log_totals(delivery),
        "evaluations": selectors.evaluations_for(delivery),
        "payments": selectors.payments_for(delivery.contract),
        "can_log": rules.logs(delivery, request.user),
        "names_team": rules.names_team(delivery, request.user),
        "decides": rules.decides(delivery, request.user),
        "open_form": open_form or EvaluationOpenForm(project=delivery.project),
        "timeline": timeline_for(delivery),
        "overdue_milestones": selectors.overdue_milestones(delivery),
        "rectification_overdue": bool(delivery.rectification_deadline)
        and delivery.rectification_deadline < clock.today(),
    }
    return render(request, "evaluations/delivery_detail.html", context, status=status)


def team(request, pk):
    delivery = visible_delivery(request, pk)
    form = TeamMemberForm(request.POST or None, organisation=delivery.contract.organisation)
    if request.method == "POST" and form.is_valid():
        services.team_member_add(delivery=delivery, user=request.user, **form.cleaned_data)
        return redirect("evaluations:team", pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "delivery": delivery,
        "team": selectors.team_for(delivery),
        "form": form if rules.names_team(delivery, request.user) else None,
    }
    return render(request, "evaluations/team.html", context, status=status)


@require_POST
def start(request, pk):
    services.delivery_start(delivery=visible_delivery(request, pk), user=request.user)
    return redirect("evaluations:delivery", pk=pk)


@require_POST
def terminate(request, pk):
    form = ReasonForm(request.POST)
    delivery = visible_delivery(request, pk)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.delivery_terminate(delivery=delivery, user=request.user, reason=reason)
    return redirect("evaluations:delivery", pk=pk)

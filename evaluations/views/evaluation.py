from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace.selectors import timeline_for

from .. import rules, selectors
from ..forms import EvaluationOpenForm, ScoreForm
from ..models import Evaluation, EvaluationParty, PartyKind, PaymentItem
from ..services import evaluations as services
from ..services.payments import payment_release
from . import delivery as delivery_views
from . import visible_delivery


@login_required
@require_POST
def open_(request, pk):
    delivery = visible_delivery(request, pk)
    form = EvaluationOpenForm(request.POST, project=delivery.project)
    if not form.is_valid():
        return delivery_views.detail(request, pk, open_form=form, status=400)
    data = form.cleaned_data
    evaluation = services.evaluation_open(
        delivery=delivery,
        user=request.user,
        kind=data["kind"],
        scorers={
            PartyKind.THIRD_PARTY: data["third_party"],
            PartyKind.COMMUNITY: data["community"],
        },
    )
    return redirect("evaluations:evaluation", pk=evaluation.pk)


def detail(request, pk, *, forms=None, status=200):
    evaluation = get_object_or_404(Evaluation, pk=pk)
    delivery = visible_delivery(request, evaluation.delivery_id)
    evaluation = selectors.evaluations_for(delivery).get(pk=pk)
    organisation = delivery.contract.organisation
    parties = []
    for party in evaluation.parties.all():
        scored = getattr(party, "score", None)
        may = (
            not scored
            and evaluation.state == "open"
            and rules.may_score(
                party, request.user, project=delivery.project, organisation=organisation
            )
        )
        criteria = list(party.criteria.all())
        form = (forms or {}).get(party.pk) or (
            ScoreForm(prefix=f"p{party.pk}", criteria=criteria) if may else None
        )
        parties.append({"party": party, "score": scored, "form": form, "criteria": criteria})
    context = {
        "delivery": delivery,
        "evaluation": evaluation,
        "parties": parties,
        "decides": rules.decides(delivery, request.user),
        "timeline": timeline_for(evaluation),
    }
    return render(request, "evaluations/evaluation_detail.html", context, status=status)


@login_required
@require_POST
def score(request, pk):
    party = get_object_or_404(EvaluationParty, pk=pk)
    form = ScoreForm(request.POST, prefix=f"p{pk}", criteria=party.criteria.all())
    if not form.is_valid():
        return detail(request, party.evaluation_id, forms={pk: form}, status=400)
    services.party_score(party=party, user=request.user, **form.service_kwargs())
    return redirect("evaluations:evaluation", pk=party.evaluation_id)


@login_required
@require_POST
def close(request, pk):
    evaluation = services.evaluation_close(
        evaluation=get_object_or_404(Evaluation, pk=pk), user=request.user
    )
    return redirect("evaluations:evaluation", pk=evaluation.pk)


def payments(request, pk):
    delivery = visible_delivery(request, pk)
    decides = rules.decides(delivery, request.user)
    if not (decides or rules.names_team(delivery, request.user)):
        raise PermissionDenied
    context = {
        "delivery": delivery,
        "payments": selectors.payments_for(delivery.contract),
        "passed": selectors.passed_gates(delivery),
        "decides": decides,
    }
    return render(request, "evaluations/payments.html", context)


@login_required
@require_POST
def release(request, pk):
    item = payment_release(item=get_object_or_404(PaymentItem, pk=pk), user=request.user)
    delivery = item.contract.delivery
    return redirect("evaluations:payments", pk=delivery.pk)

"""Award choice, objections (质疑), re-proposal, countersignature, supplementary agreements."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace.forms import ReasonForm

from .. import award_selectors, rules, selectors
from ..award_forms import ObjectionAnswerForm, ObjectionForm, ProposeAwardForm, SupplementForm
from ..models import Contract, Objection, Tender
from ..services import contracts as contract_services
from ..services import objections as services
from ..services import tenders as tender_services
from .public import tender_detail


def _tender(pk) -> Tender:
    return get_object_or_404(Tender.objects.select_related("project"), pk=pk)


def _status(request) -> int:
    return 400 if request.method == "POST" else 200


@login_required
@require_POST
def tender_propose_award(request, pk):
    """The top-ranked bid by default; another one only with a written reason."""
    tender = _tender(pk)
    if not rules.can_decide(tender, request.user):
        raise PermissionDenied
    form = ProposeAwardForm(request.POST, ranking=selectors.ranking_rows(tender))
    if not form.is_valid():
        return tender_detail(request, pk, forms={"award_form": form}, status=400)
    tender_services.tender_propose_award(
        tender=tender,
        user=request.user,
        bid_id=form.cleaned_data["bid"],
        reason=form.cleaned_data["reason"],
    )
    return redirect("tenders:detail", pk=pk)


@login_required
@require_POST
def tender_reopen_award(request, pk):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return tender_detail(request, pk, forms={"reopen_form": form}, status=400)
    tender_services.tender_reopen_award(
        tender=_tender(pk), user=request.user, reason=form.cleaned_data["reason"]
    )
    return redirect("tenders:detail", pk=pk)


@login_required
def objection_file(request, pk):
    tender = _tender(pk)
    organisations = award_selectors.objector_organisations(request.user, tender)
    if not organisations.exists():
        raise PermissionDenied
    form = ObjectionForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        services.objection_file(tender=tender, user=request.user, **form.cleaned_data)
        return redirect("tenders:detail", pk=pk)
    context = {"tender": tender, "form": form, "window": award_selectors.objection_window(tender)}
    return render(request, "tenders/objection_form.html", context, status=_status(request))


def _objection(pk) -> Objection:
    return get_object_or_404(Objection.objects.select_related("tender__project"), pk=pk)


@login_required
def objection_answer(request, pk):
    objection = _objection(pk)
    if not rules.can_decide(objection.tender, request.user):
        raise PermissionDenied
    form = ObjectionAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.objection_answer(
            objection=objection,
            user=request.user,
            answer=form.cleaned_data["answer"],
            upheld=form.cleaned_data["outcome"] == "upheld",
        )
        return redirect("tenders:detail", pk=objection.tender_id)
    context = {"tender": objection.tender, "objection": objection, "form": form}
    return render(request, "tenders/objection_answer.html", context, status=_status(request))


@login_required
@require_POST
def objection_withdraw(request, pk):
    objection = _objection(pk)
    services.objection_withdraw(objection=objection, user=request.user)
    return redirect("tenders:detail", pk=objection.tender_id)


def _contract(pk) -> Contract:
    return get_object_or_404(Contract.objects.select_related("tender__project"), pk=pk)


@login_required
@require_POST
def contract_countersign(request, pk):
    contract = _contract(pk)
    contract_services.contract_countersign(contract=contract, user=request.user)
    return redirect("tenders:detail", pk=contract.tender_id)


@login_required
def supplement_add(request, pk):
    contract = _contract(pk)
    if not rules.can_decide(contract.tender, request.user):
        raise PermissionDenied
    form = SupplementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contract_services.supplement_add(contract=contract, user=request.user, **form.cleaned_data)
        return redirect("tenders:detail", pk=contract.tender_id)
    added, room = contract_services.supplement_room(contract)
    context = {"tender": contract.tender, "contract": contract, "form": form, "room": room}
    return render(request, "tenders/supplement_form.html", context, status=_status(request))

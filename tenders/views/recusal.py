"""申请回避: a bidder asks for an evaluator's recusal; the purchaser decides."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from marketplace.models import Organisation

from .. import panel_selectors, rules
from ..models import RecusalRequest, Tender
from ..panel_forms import RecusalDecisionForm, RecusalRequestForm
from ..services import conflicts as services


def _status(request):
    return 400 if request.method == "POST" else 200


@login_required
def recusal_new(request, pk):
    """Only organisations whose bids were opened may ask; they see the seated members."""
    tender = get_object_or_404(Tender.objects.select_related("project"), pk=pk)
    own = rules.bidder_organisation_ids(request.user) & panel_selectors.bidder_organisation_ids(
        tender
    )
    if not own:
        raise PermissionDenied
    members = panel_selectors.seated_members(tender)
    organisations = Organisation.objects.filter(pk__in=own).order_by("pk")
    form = RecusalRequestForm(request.POST or None, members=members, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        services.recusal_request(
            member=next(m for m in members if str(m.pk) == form.cleaned_data["member"]),
            user=request.user,
            organisation=organisations.get(pk=form.cleaned_data["organisation"]),
            reason=form.cleaned_data["reason"],
        )
        return redirect("tenders:detail", pk=pk)
    mine = panel_selectors.recusal_requests_for(tender, own)
    context = {"tender": tender, "form": form, "mine": mine}
    return render(request, "tenders/recusal_form.html", context, status=_status(request))


@login_required
def recusals(request, pk):
    """The purchaser's list of requests and exclusions, with a decision form per request."""
    tender = get_object_or_404(Tender.objects.select_related("project"), pk=pk)
    if not rules.can_decide(tender, request.user):
        raise PermissionDenied
    context = {
        "tender": tender,
        "requests": panel_selectors.recusal_requests_for(tender),
        "exclusions": panel_selectors.exclusions_for(tender),
        "decision_form": RecusalDecisionForm(),
    }
    return render(request, "tenders/recusals.html", context)


@login_required
def recusal_decide(request, pk):
    recusal = get_object_or_404(
        RecusalRequest.objects.select_related("member__tender__project"), pk=pk
    )
    tender = recusal.member.tender
    if not rules.can_decide(tender, request.user):
        raise PermissionDenied
    form = RecusalDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.recusal_decide(
            request=recusal,
            user=request.user,
            grant=form.cleaned_data["grant"] == "1",
            reason=form.cleaned_data["reason"],
        )
        return redirect("tenders:recusals", pk=tender.pk)
    context = {"tender": tender, "recusal": recusal, "form": form}
    return render(request, "tenders/recusal_decide.html", context, status=_status(request))

"""Bid pages for the bidding organisation: submit/replace, receipt, withdraw, file."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace.models import Organisation

from .. import rules, selectors
from ..forms import BidForm
from ..models import Bid, Tender
from ..services import bids as services


@login_required
def bid_form(request, pk):
    """GET: the form; POST: submit a bid, or replace the organisation's live bid."""
    tender = get_object_or_404(Tender.objects.select_related("project"), pk=pk)
    organisations = Organisation.objects.filter(pk__in=rules.bidder_organisation_ids(request.user))
    if not organisations:
        raise PermissionDenied
    current = selectors.my_live_bid(request.user, tender)
    initial = {"price": current.price, "proposal": current.proposal} if current else {}
    form = BidForm(
        request.POST or None, request.FILES or None, organisations=organisations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        live = selectors.my_live_bid(request.user, tender)
        if live is not None and live.organisation_id == data["organisation"].pk:
            bid = services.bid_replace(
                bid=live,
                user=request.user,
                price=data["price"],
                proposal=data["proposal"],
                upload=data["upload"],
            )
        else:
            bid = services.bid_submit(
                tender=tender,
                organisation=data["organisation"],
                user=request.user,
                price=data["price"],
                proposal=data["proposal"],
                upload=data["upload"],
            )
        return redirect("tenders:receipt", pk=bid.pk)
    status = 400 if request.method == "POST" else 200
    context = {"tender": tender, "form": form, "current": current}
    return render(request, "tenders/bid_form.html", context, status=status)


def _own_bid(request, pk) -> Bid:
    bid = get_object_or_404(Bid.objects.select_related("tender", "organisation"), pk=pk)
    if not rules.can_read_bid(bid, request.user):
        raise Http404  # do not even confirm that the bid exists
    return bid


@login_required
def bid_receipt(request, pk):
    bid = _own_bid(request, pk)
    return render(request, "tenders/bid_receipt.html", {"bid": bid, "tender": bid.tender})


@login_required
@require_POST
def bid_withdraw(request, pk):
    bid = _own_bid(request, pk)
    services.bid_withdraw(bid=bid, user=request.user)
    return redirect("tenders:detail", pk=bid.tender_id)


@login_required
def bid_file(request, pk):
    """Bid files are served only here: to the bidder, and after opening to purchaser/panel."""
    bid = _own_bid(request, pk)
    if not bid.file:
        raise Http404
    return FileResponse(
        bid.file.open("rb"), as_attachment=True, filename=bid.file.name.rsplit("/", 1)[-1]
    )

"""Sealed bids: submit, replace, withdraw — each refused once the deadline has passed.

The tender row is locked for the whole service and the deadline is checked again at the
very end, just before commit: a request that began before the deadline and finished after
it is refused and leaves nothing behind.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError, apply_transition

from .. import digest, rules, selectors
from ..models import Bid, BidState, Tender, TenderState


def _locked_tender(tender_id: int) -> Tender:
    return Tender.objects.select_for_update().select_related("project").get(pk=tender_id)


def _check_open(tender: Tender) -> None:
    if tender.state != TenderState.PUBLISHED or clock.now() >= tender.deadline:
        raise WorkflowError(_("投标截止时间已过，不再接受投标。"))


def _check_price(tender: Tender, price: Decimal) -> None:
    if price is None or price <= 0:
        raise WorkflowError(_("投标报价须大于零。"), status=400)
    if price > tender.ceiling_price:
        raise WorkflowError(_("投标报价不得高于最高限价。"), status=400)


def _make_bid(*, tender, organisation, user, price, proposal, upload, previous=None) -> Bid:
    bid = Bid(
        tender=tender,
        organisation=organisation,
        price=Decimal(price).quantize(Decimal("0.01")),
        proposal=proposal,
        submitted_by=user,
        submitted_at=clock.now(),
        replaces=previous,
    )
    if upload is not None:
        bid.file_sha256 = digest.file_sha256(upload.chunks())
        upload.seek(0)
        bid.file.save(upload.name, upload, save=False)
    elif previous is not None and previous.file:
        bid.file = previous.file.name
        bid.file_sha256 = previous.file_sha256
    bid.digest = digest.bid_digest(
        tender_id=tender.pk,
        credit_code=organisation.credit_code,
        price=bid.price,
        proposal=proposal,
        file_sha256=bid.file_sha256,
    )
    bid.save()
    return bid


def _finish(tender: Tender, bid: Bid | None, new_file: bool) -> None:
    """The last check before commit; on refusal remove a file this request stored."""
    try:
        _check_open(tender)
    except WorkflowError:
        if bid is not None and new_file and bid.file:
            bid.file.delete(save=False)
        raise


def _tell_bidder(bid: Bid, title: str) -> None:
    # Only the bidding organisation hears of its own bid (sealed from everyone else).
    notify(
        users=selectors.organisation_people(bid.organisation),
        title=title,
        body=_("回执号 %(no)s，SHA-256 %(d)s") % {"no": bid.receipt_no, "d": bid.digest},
        url=reverse("tenders:receipt", args=[bid.pk]),
        key=f"bid-receipt-{bid.pk}",
    )


@transaction.atomic
def bid_submit(*, tender: Tender, organisation, user, price, proposal: str, upload=None) -> Bid:
    tender = _locked_tender(tender.pk)
    _check_open(tender)
    refusal = rules.bid_refusal(tender, organisation, user)
    if refusal:
        raise PermissionDenied(refusal)
    _check_price(tender, price)
    if Bid.objects.filter(
        tender=tender, organisation=organisation, state=BidState.SUBMITTED
    ).exists():
        raise WorkflowError(_("该组织已递交投标；如需修改，请替换原投标。"))
    bid = _make_bid(
        tender=tender,
        organisation=organisation,
        user=user,
        price=price,
        proposal=proposal,
        upload=upload,
    )
    _finish(tender, bid, upload is not None)
    _tell_bidder(bid, _("投标已递交：%(t)s") % {"t": tender.title})
    return bid


@transaction.atomic
def bid_replace(*, bid: Bid, user, price, proposal: str, upload=None) -> Bid:
    tender = _locked_tender(bid.tender_id)
    _check_open(tender)
    old = apply_transition(bid, "replace", actor=user)
    refusal = rules.bid_refusal(tender, old.organisation, user)
    if refusal:
        raise PermissionDenied(refusal)
    _check_price(tender, price)
    new = _make_bid(
        tender=tender,
        organisation=old.organisation,
        user=user,
        price=price,
        proposal=proposal,
        upload=upload,
        previous=old,
    )
    _finish(tender, new, upload is not None)
    _tell_bidder(new, _("投标已替换：%(t)s") % {"t": tender.title})
    return new


@transaction.atomic
def bid_withdraw(*, bid: Bid, user) -> Bid:
    tender = _locked_tender(bid.tender_id)
    _check_open(tender)
    bid = apply_transition(bid, "withdraw", actor=user)
    _finish(tender, None, False)
    return bid

"""Sealed bids: eligibility, deadline (server clock, checked at the end), receipts."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from marketplace import clock
from marketplace.models import Role, TransitionRecord
from marketplace.workflow import WorkflowError
from tenders import digest
from tenders.models import Bid, BidState
from tenders.services import bids as services
from tests.marketplace.factories import UserFactory, grant
from tests.tenders.factories import bidder, submit


def test_submit_gives_a_receipt_digest_anyone_can_recompute(tender, places):
    org, user = bidder()
    bid = submit(tender, org, user, price="123456.5", proposal="上门探访 40 场", file=b"%PDF-1.4 x")
    expected = digest.bid_digest(
        tender_id=tender.pk,
        credit_code=org.credit_code,
        price=Decimal("123456.50"),
        proposal="上门探访 40 场",
        file_sha256=digest.file_sha256([b"%PDF-1.4 x"]),
    )
    assert bid.digest == expected
    assert len(bid.digest) == 64
    canonical = digest.canonical_bid(
        tender_id=tender.pk,
        credit_code=org.credit_code,
        price=Decimal("123456.5"),
        proposal="上门探访 40 场",
        file_sha256=bid.file_sha256,
    )
    assert b'"price":"123456.50"' in canonical and canonical.index(
        b"credit_code"
    ) < canonical.index(b"tender")


def test_bid_after_deadline_refused(tender, places):
    org, user = bidder()
    with (
        clock.travel(tender.deadline + timedelta(seconds=1)),
        pytest.raises(WorkflowError, match="截止"),
    ):
        submit(tender, org, user)
    assert not Bid.objects.exists()


def test_request_beginning_before_and_finishing_after_deadline_refused(tender, places, monkeypatch):
    org, user = bidder()
    # First reads of the clock fall before the deadline, the last (just before commit) after.
    times = itertools.chain(
        [tender.deadline - timedelta(seconds=2), tender.deadline - timedelta(seconds=1)],
        itertools.repeat(tender.deadline + timedelta(milliseconds=1)),
    )
    monkeypatch.setattr(clock, "now", lambda: next(times))
    with pytest.raises(WorkflowError, match="截止"):
        submit(tender, org, user, file=b"late file")
    monkeypatch.undo()
    assert not Bid.objects.exists()


def test_replace_and_withdraw(tender, places):
    org, user = bidder()
    first = submit(tender, org, user, price="100000")
    second = services.bid_replace(bid=first, user=user, price=Decimal("90000"), proposal="新方案")
    first.refresh_from_db()
    assert first.state == BidState.REPLACED and second.replaces == first
    assert second.digest != first.digest
    withdrawn = services.bid_withdraw(bid=second, user=user)
    assert withdrawn.state == BidState.WITHDRAWN


def test_replace_after_deadline_refused(tender, places):
    org, user = bidder()
    bid = submit(tender, org, user)
    with clock.travel(tender.deadline + timedelta(minutes=1)), pytest.raises(WorkflowError):
        services.bid_replace(bid=bid, user=user, price=Decimal("1"), proposal="x")
    bid.refresh_from_db()
    assert bid.state == BidState.SUBMITTED


def test_withdraw_by_another_organisation_refused(tender, places):
    org, user = bidder()
    _org2, other = bidder()
    bid = submit(tender, org, user)
    with pytest.raises(PermissionDenied):
        services.bid_withdraw(bid=bid, user=other)


def test_second_bid_of_same_organisation_refused(tender, places):
    org, user = bidder()
    submit(tender, org, user)
    with pytest.raises(WorkflowError, match="替换"):
        submit(tender, org, user)


@pytest.mark.parametrize("case", ["not_member", "bad_credit", "designer", "above_ceiling"])
def test_eligibility(tender, places, case):
    org, user = bidder()
    if case == "not_member":
        user = UserFactory()
    if case == "bad_credit":
        org.bad_credit = True
        org.save()
    if case == "designer":
        grant(tender.project.designer, Role.ORG_MEMBER, organisation=org)
    price = "200000.01" if case == "above_ceiling" else "100000"
    with pytest.raises((PermissionDenied, WorkflowError)):
        submit(tender, org, user, price=price)
    assert not Bid.objects.exists()


def test_social_worker_alone_may_not_bid(tender, organisation, social_worker):
    with pytest.raises(PermissionDenied):
        submit(tender, organisation, social_worker)


def test_bid_transitions_recorded_but_hidden_until_opening(tender, places):
    org, user = bidder()
    bid = submit(tender, org, user)
    services.bid_withdraw(bid=bid, user=user)
    assert TransitionRecord.objects.filter(transition="withdraw").count() == 1

"""Related organisations (same person in charge, or one controlling the other) recorded after
both bid: the opening invalidates both bids, with the reason, and the valid count decides."""

import pytest
from django.urls import reverse

from marketplace import clock
from marketplace.models import Organisation
from marketplace.models.organisation import person_key
from marketplace.selectors import timeline_for
from tenders import bidder_rules
from tenders.models import Bid, BidState, TenderState
from tenders.services import tenders as services
from tests.marketplace.factories import OrganisationFactory
from tests.tenders.factories import bidder, submit


def relate(a, b, kind):
    if kind == "same_person":
        a.legal_representative_key = b.legal_representative_key = person_key("53010219800101123x")
    elif kind == "a_controls_b":
        b.controlled_by = a
    else:
        a.controlled_by = b
    a.save()
    b.save()


def bid_all(tender, n):
    orgs = [bidder(f"开标核查社工中心{i}") for i in range(n)]
    for i, (org, user) in enumerate(orgs):
        submit(tender, org, user, price=str(150000 + 1000 * i))
    return [org for org, _user in orgs]


@pytest.mark.parametrize("kind", ["same_person", "a_controls_b", "b_controls_a"])
def test_relation_recorded_after_bidding_invalidates_both(client, tender, later, kind):
    a, b, c, d, e = bid_all(tender, 5)
    relate(a, b, kind)  # recorded after both bids were accepted
    with clock.travel(later):
        opened = services.tender_open(tender_id=tender.pk)
    assert opened.state == TenderState.OPENED  # three valid bids remain
    states = dict(Bid.objects.filter(tender=tender).values_list("organisation_id", "state"))
    assert states == {
        a.pk: BidState.INVALID,
        b.pk: BidState.INVALID,
        c.pk: BidState.VALID,
        d.pk: BidState.VALID,
        e.pk: BidState.VALID,
    }
    bid_a = Bid.objects.get(tender=tender, organisation=a)
    assert "关联关系" in bid_a.invalid_reason and b.name in bid_a.invalid_reason
    (record,) = timeline_for(bid_a)[-1:]
    assert record.target == BidState.INVALID and "关联关系" in record.reason
    # the opening record shows why
    page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "关联关系" in page


def test_too_few_valid_bids_after_the_recheck_fails_the_tender(tender, later):
    a, b, _c, _d = bid_all(tender, 4)
    relate(a, b, "same_person")
    with clock.travel(later):
        failed = services.tender_open(tender_id=tender.pk)
    assert failed.state == TenderState.FAILED
    assert failed.valid_bids().count() == 2
    record = [r for r in timeline_for(failed) if r.target == TenderState.FAILED][0]
    assert "有效投标 2 家" in record.reason


def test_unrelated_bidders_all_valid(tender, later):
    orgs = bid_all(tender, 3)
    assert all(o.legal_representative_key == "" for o in orgs)  # blank keys never match
    with clock.travel(later):
        opened = services.tender_open(tender_id=tender.pk)
    assert opened.state == TenderState.OPENED and opened.valid_bids().count() == 3
    assert not Bid.objects.filter(tender=tender, state=BidState.INVALID).exists()


def test_relation_to_an_organisation_that_did_not_bid_does_not_count(tender, later, places):
    a, _b, _c = bid_all(tender, 3)
    parent = OrganisationFactory(name="未投标的主管单位")
    a.controlled_by = parent
    a.save()
    with clock.travel(later):
        opened = services.tender_open(tender_id=tender.pk)
    assert opened.valid_bids().count() == 3


def test_related_among_is_pure_and_symmetric():
    a = Organisation(pk=1, name="甲", legal_representative_key="k")
    b = Organisation(pk=2, name="乙", legal_representative_key="k")
    c = Organisation(pk=3, name="丙")
    d = Organisation(pk=4, name="丁", controlled_by_id=3)
    e = Organisation(pk=5, name="戊")
    found = bidder_rules.related_among([a, b, c, d, e])
    assert {k: [o.pk for o in v] for k, v in found.items()} == {1: [2], 2: [1], 3: [4], 4: [3]}
    assert bidder_rules.related_among([c, e]) == {}

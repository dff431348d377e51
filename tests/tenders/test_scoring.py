"""Scoring is a pure function: tables of cases."""

from decimal import Decimal as D

import pytest

from tenders.scoring import BidScores, aggregate, price_part, rank


@pytest.mark.parametrize(
    "values, expected",
    [
        ([], D("0")),
        ([D("8")], D("8")),
        ([D("8"), D("9"), D("10")], D("9")),
        ([D("7"), D("8"), D("9"), D("10")], D("8.5")),
        # five or more: drop one highest and one lowest
        ([D("0"), D("8"), D("9"), D("10"), D("20")], D("9")),
        ([D("5"), D("5"), D("5"), D("5"), D("5"), D("30")], D("5")),
        ([D("1"), D("2"), D("3"), D("4"), D("5"), D("6"), D("7")], D("4")),
        # duplicates: only one highest and one lowest are dropped
        ([D("10"), D("10"), D("0"), D("0"), D("5")], D("5")),
        ([D("9"), D("9"), D("9"), D("9"), D("9")], D("9")),
        # four scores: nothing dropped
        ([D("0"), D("10"), D("10"), D("10")], D("7.5")),
    ],
)
def test_aggregate(values, expected):
    assert aggregate(values) == expected


@pytest.mark.parametrize(
    "price, lowest, weight, expected",
    [
        (D("100"), D("100"), D("20"), D("20")),
        (D("200"), D("100"), D("20"), D("10")),
        (D("150000"), D("120000"), D("30"), D("24")),
        (D("0"), D("0"), D("20"), D("0")),
    ],
)
def test_price_part(price, lowest, weight, expected):
    assert price_part(price, lowest, weight) == expected


def bid(pk, price, **scores):
    return BidScores(
        bid_id=pk,
        price=D(price),
        scores={int(k[1:]): [D(v) for v in vs] for k, vs in scores.items()},
    )


@pytest.mark.parametrize(
    "bids, expected_order",
    [
        # higher total wins
        ([bid(1, "100", c1=["50"]), bid(2, "100", c1=["60"])], [2, 1]),
        # price part can overturn a small technical lead: 60+10 < 58+20
        ([bid(1, "200", c1=["60"]), bid(2, "100", c1=["58"])], [2, 1]),
        # equal totals: lower price first
        ([bid(1, "100", c1=["40"]), bid(2, "80", c1=["36"])], [2, 1]),
        # equal totals and prices: higher technical first (cannot differ then) -> stable by id
        ([bid(2, "100", c1=["40"]), bid(1, "100", c1=["40"])], [1, 2]),
        # five evaluators: the outlier 0 and 80 are dropped for bid 1
        ([bid(1, "100", c1=["0", "60", "60", "60", "80"]), bid(2, "100", c1=["59"] * 5)], [1, 2]),
    ],
)
def test_rank_order(bids, expected_order):
    assert [r.bid_id for r in rank(bids, [1], D("20"))] == expected_order


def test_tie_on_total_and_price_broken_by_technical():
    # total 70 both; equal price impossible with different price parts, so craft weights:
    a = BidScores(bid_id=1, price=D("100"), scores={1: [D("50")], 2: [D("0")]})
    b = BidScores(bid_id=2, price=D("100"), scores={1: [D("49")], 2: [D("1")]})
    results = rank([b, a], [1, 2], D("20"))
    assert [r.rank for r in results] == [1, 2]
    assert {r.total for r in results} == {D("70")}


def test_rank_fields():
    results = rank(
        [
            bid(1, "120000", c1=["30", "32", "34"], c2=["20"]),
            bid(2, "100000", c1=["30"], c2=["18"]),
        ],
        [1, 2],
        D("20"),
    )
    rows = [(r.bid_id, r.technical, r.price_part, r.total, r.rank) for r in results]
    assert rows == [
        (1, D("52.00"), D("16.67"), D("68.67"), 1),
        (2, D("48.00"), D("20.00"), D("68.00"), 2),
    ]


def test_rank_empty():
    assert rank([], [1], D("20")) == []

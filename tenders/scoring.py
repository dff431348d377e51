"""Bid scoring (评标): pure functions over plain data, no ORM.

Per criterion the evaluators' scores are averaged; with five or more scores the highest
and the lowest are dropped first. The price part is lowest valid price ÷ bid price ×
price weight. Ranking: total descending, ties broken by lower price, then by higher
technical score.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

TWO = Decimal("0.01")


@dataclass(frozen=True)
class BidScores:
    bid_id: int
    price: Decimal
    # criterion id -> the evaluators' scores for this bid on that criterion
    scores: Mapping[int, Sequence[Decimal]]


@dataclass(frozen=True)
class Result:
    bid_id: int
    price: Decimal
    technical: Decimal
    price_part: Decimal
    total: Decimal
    rank: int


def aggregate(values: Sequence[Decimal]) -> Decimal:
    """Mean of the evaluators' scores; with ≥5 scores drop one highest and one lowest."""
    values = sorted(Decimal(v) for v in values)
    if not values:
        return Decimal("0")
    if len(values) >= 5:
        values = values[1:-1]
    return sum(values, Decimal("0")) / len(values)


def price_part(price: Decimal, lowest: Decimal, weight: Decimal) -> Decimal:
    if price <= 0:
        return Decimal("0")
    return Decimal(lowest) / Decimal(price) * Decimal(weight)


def rank(bids: Iterable[BidScores], criteria: Iterable[int], price_weight: Decimal) -> list[Result]:
    bids = list(bids)
    criteria = list(criteria)
    if not bids:
        return []
    lowest = min(b.price for b in bids)
    rows = []
    for b in bids:
        technical = sum((aggregate(b.scores.get(c, ())) for c in criteria), Decimal("0"))
        part = price_part(b.price, lowest, price_weight)
        rows.append((b, technical.quantize(TWO), part.quantize(TWO)))
    rows.sort(key=lambda r: (-(r[1] + r[2]), r[0].price, -r[1], r[0].bid_id))
    return [
        Result(
            bid_id=b.bid_id,
            price=b.price,
            technical=technical,
            price_part=part,
            total=technical + part,
            rank=i,
        )
        for i, (b, technical, part) in enumerate(rows, start=1)
    ]

"""Combining party scores into a total and a grade (pure: no ORM)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

EXCELLENT, GOOD, PASS, FAIL = "excellent", "good", "pass", "fail"


@dataclass(frozen=True)
class Thresholds:
    """Lowest total for each grade (优秀 / 良好 / 合格); below `passing` is 不合格."""

    excellent: Decimal = Decimal("90")
    good: Decimal = Decimal("80")
    passing: Decimal = Decimal("60")

    def __post_init__(self):
        if not (self.excellent >= self.good >= self.passing >= 0):
            raise ValueError("thresholds must be excellent ≥ good ≥ passing ≥ 0")


def total(scores_and_weights) -> Decimal:
    """Σ score × weight / 100 over (score, weight) pairs; weights must sum to 100."""
    pairs = [(Decimal(s), Decimal(w)) for s, w in scores_and_weights]
    if sum(w for _, w in pairs) != 100:
        raise ValueError("weights must sum to 100")
    value = sum((s * w for s, w in pairs), Decimal("0")) / 100
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def grade(value: Decimal, thresholds: Thresholds = Thresholds()) -> str:
    value = Decimal(value)
    if value >= thresholds.excellent:
        return EXCELLENT
    if value >= thresholds.good:
        return GOOD
    if value >= thresholds.passing:
        return PASS
    return FAIL


def passes(value: Decimal, thresholds: Thresholds = Thresholds()) -> bool:
    return grade(value, thresholds) != FAIL

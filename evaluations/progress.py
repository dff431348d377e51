"""Progress of delivery against the design's indicators (pure: no ORM)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Progress:
    indicator_id: int
    name: str
    unit: str
    target: Decimal
    done: Decimal
    percent: int  # may exceed 100 when the target is overshot
    bar: int  # 0..100, for the progress bar
    behind: bool  # clearly behind the time elapsed in the service period


def expected_fraction(start: date | None, end: date | None, today: date) -> Decimal:
    """The share of the service period elapsed on `today` (0..1)."""
    if not start or not end or end <= start:
        return Decimal("0")
    elapsed = min(max((today - start).days, 0), (end - start).days)
    return Decimal(elapsed) / Decimal((end - start).days)


def indicator_progress(indicators, totals, *, start=None, end=None, today=None) -> list[Progress]:
    """indicators: (id, name, unit, target) tuples; totals: {indicator id: sum of current logs}.

    An indicator is `behind` when less than 80% of the pro-rata target for the elapsed
    period is reached (an overdue milestone).
    """
    fraction = expected_fraction(start, end, today) if today else Decimal("0")
    rows = []
    for pk, name, unit, target in indicators:
        target = Decimal(target)
        done = Decimal(totals.get(pk) or 0)
        percent = int(done * 100 // target) if target > 0 else 100
        expected = target * fraction
        rows.append(
            Progress(
                indicator_id=pk,
                name=name,
                unit=unit,
                target=target,
                done=done,
                percent=percent,
                bar=min(percent, 100),
                behind=fraction > 0 and done < expected * Decimal("0.8"),
            )
        )
    return rows

"""Benchmark: ranking 200 bids × 7 evaluators × 10 criteria (issue: well under 1 s).

Run on demand: `.venv/bin/pytest -o addopts="" tests/benchmarks -s`. Prints the time and
its ratio to a baseline measured in the same run (summing the same 14,000 Decimals), so
that the figure means something on any machine. Results are recorded in RESULTS.md.
"""

import random
import time
from decimal import Decimal

from tenders.scoring import BidScores, rank

BIDS, EVALUATORS, CRITERIA = 200, 7, 10


def _inputs(seed=2026):
    rnd = random.Random(seed)
    criteria = list(range(CRITERIA))
    bids = [
        BidScores(
            bid_id=b,
            price=Decimal(rnd.randrange(80_000, 200_000)),
            scores={
                c: [Decimal(rnd.randrange(0, 800)) / 100 for _ in range(EVALUATORS)]
                for c in criteria
            },
        )
        for b in range(BIDS)
    ]
    return bids, criteria


def _best_of(fn, repeat=5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def test_ranking_200_bids_7_evaluators_10_criteria():
    bids, criteria = _inputs()
    values = [v for b in bids for vs in b.scores.values() for v in vs]
    baseline = _best_of(lambda: sum(values, Decimal(0)))
    elapsed = _best_of(lambda: rank(bids, criteria, Decimal(20)))
    results = rank(bids, criteria, Decimal(20))
    assert [r.rank for r in results] == list(range(1, BIDS + 1))
    print(
        f"\nrank {BIDS}×{EVALUATORS}×{CRITERIA}: {elapsed * 1000:.1f} ms "
        f"(baseline sum of {len(values)} Decimals: {baseline * 1000:.2f} ms; "
        f"ratio {elapsed / baseline:.0f}×)"
    )
    assert elapsed < 1.0

from datetime import date
from decimal import Decimal

import pytest

from evaluations import grading, progress, schedule


@pytest.mark.parametrize(
    "total,expected",
    [
        (100, "excellent"),
        (90, "excellent"),
        (Decimal("89.99"), "good"),
        (80, "good"),
        (Decimal("79.99"), "pass"),
        (60, "pass"),
        (Decimal("59.99"), "fail"),
        (0, "fail"),
    ],
)
def test_grade_table(total, expected):
    assert grading.grade(Decimal(total)) == expected


def test_thresholds_are_configurable():
    strict = grading.Thresholds(Decimal("95"), Decimal("85"), Decimal("70"))
    assert grading.grade(Decimal("65"), strict) == "fail"
    assert grading.grade(Decimal("92"), strict) == "good"
    with pytest.raises(ValueError):
        grading.Thresholds(Decimal("50"), Decimal("80"), Decimal("60"))


@pytest.mark.parametrize(
    "pairs,expected",
    [
        ([(90, 30), (80, 20), (85, 30), (95, 20)], Decimal("87.50")),
        ([(50, 30), (60, 20), (55, 30), (70, 20)], Decimal("57.50")),
        ([(100, 50), (0, 50)], Decimal("50.00")),
        ([(Decimal("88.88"), 70), (77, 30)], Decimal("85.32")),
    ],
)
def test_total_is_the_weighted_sum(pairs, expected):
    assert grading.total(pairs) == expected


def test_weights_must_sum_to_100():
    with pytest.raises(ValueError):
        grading.total([(90, 50), (80, 40)])


def test_progress_percent_and_behind():
    rows = progress.indicator_progress(
        [(1, "活动", "场", Decimal("40")), (2, "服务老人", "人次", Decimal("200"))],
        {1: Decimal("23")},
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        today=date(2026, 7, 1),
    )
    assert (rows[0].done, rows[0].percent, rows[0].bar, rows[0].behind) == (23, 57, 57, False)
    assert (rows[1].done, rows[1].percent, rows[1].behind) == (0, 0, True)


def test_progress_bar_caps_at_100():
    (row,) = progress.indicator_progress([(1, "活动", "场", Decimal("10"))], {1: Decimal("12")})
    assert (row.percent, row.bar) == (120, 100)


@pytest.mark.parametrize("amount", ["100000", "33333.33", "0.01", "98765.43"])
def test_schedule_split_sums_exactly(amount):
    rows = schedule.split(Decimal(amount), schedule.DEFAULT_SCHEDULE)
    assert sum(r[3] for r in rows) == Decimal(amount)
    assert [r[2] for r in rows] == ["signing", "mid_pass", "final_pass"]

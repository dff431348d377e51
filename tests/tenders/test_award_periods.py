"""Table tests of the clarification rule and the award/objection/contract dates (pure)."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from tenders import duedates, periods


def at(y, m, d, h=9, mi=0):
    return timezone.make_aware(datetime(y, m, d, h, mi))


def end_of(y, m, d):
    return timezone.make_aware(datetime(y, m, d, 23, 59, 59))


@pytest.mark.parametrize(
    ("method", "clarified", "deadline", "expected"),
    [
        # 招标: 15 days; far enough → unchanged
        ("open", at(2026, 3, 2), at(2026, 3, 23), None),
        ("open", at(2026, 3, 2), at(2026, 3, 17), None),  # exactly 15 days
        # too close: 15 days after the clarification, same time of day
        ("open", at(2026, 3, 10), at(2026, 3, 23), at(2026, 3, 25)),
        ("invited", at(2026, 3, 10, 15, 30), at(2026, 3, 12), at(2026, 3, 25, 15, 30)),
        # 磋商: 5 days
        ("consultation", at(2026, 3, 2), at(2026, 3, 7), None),
        ("consultation", at(2026, 3, 4), at(2026, 3, 6), at(2026, 3, 9)),
        # other methods: 5 days
        ("negotiation", at(2026, 3, 4), at(2026, 3, 6), at(2026, 3, 9)),
        # the new deadline lands in the Spring Festival (15–23 Feb 2026) → 24 Feb
        ("open", at(2026, 2, 1), at(2026, 2, 10), at(2026, 2, 24)),
        # lands on a Sunday → Monday
        ("consultation", at(2026, 3, 3), at(2026, 3, 5), at(2026, 3, 9)),
        # lands in the National Day holiday (1–7 Oct 2026) → 8 Oct
        ("open", at(2026, 9, 17), at(2026, 9, 30), at(2026, 10, 8)),
        # a make-up working day (Sat 10 Oct 2026) is a working day: the deadline may fall on it
        ("consultation", at(2026, 10, 5, 10), at(2026, 10, 8), at(2026, 10, 10, 10)),
    ],
)
def test_deadline_after_clarification(method, clarified, deadline, expected):
    assert periods.deadline_after_clarification(method, clarified, deadline) == expected


def test_clarification_days_can_be_lengthened_never_shortened():
    assert periods.clarification_days("open") == 15
    assert periods.clarification_days("open", {"open": 20}) == 20
    assert periods.clarification_days("open", {"open": 3}) == 15
    assert periods.clarification_days("consultation", {"consultation": 1}) == 5


@pytest.mark.parametrize(
    ("fn", "start", "expected"),
    [
        # 5 working days after a Monday: the next Monday
        (duedates.award_confirm_due, at(2026, 3, 23), end_of(2026, 3, 30)),
        # across the Spring Festival: Fri 13 Feb → 14 (make-up Sat), 24, 25, 26, 27 Feb
        (duedates.award_confirm_due, at(2026, 2, 13), end_of(2026, 2, 27)),
        # 2 working days, from the eve of National Day → 8, 9 Oct
        (duedates.award_notice_due, at(2026, 9, 30), end_of(2026, 10, 9)),
        # 7 working days across 清明 (4–6 Apr 2026)
        (duedates.objection_deadline, at(2026, 3, 26), end_of(2026, 4, 7)),
        (duedates.answer_due, at(2026, 3, 27), end_of(2026, 4, 8)),
        # 30 calendar days; ending on a Saturday it moves to Monday
        (duedates.contract_due, at(2026, 3, 27), end_of(2026, 4, 27)),
        (duedates.contract_due, at(2026, 3, 2), end_of(2026, 4, 1)),
        # ending in the National Day holiday → 8 Oct
        (duedates.contract_due, at(2026, 9, 2), end_of(2026, 10, 8)),
        (duedates.contract_notice_due, at(2026, 9, 30), end_of(2026, 10, 9)),
    ],
)
def test_duty_dates(fn, start, expected):
    due = fn(start)
    assert due.at == expected
    assert not due.provisional


@pytest.mark.parametrize(
    ("proposed", "days", "expected"),
    [
        (at(2026, 3, 23, 9, 5), 3, at(2026, 3, 26, 9, 5)),
        # Friday + 1 day = Saturday → at least one working day: Monday
        (at(2026, 3, 27, 10), 1, at(2026, 3, 30, 10)),
        # ends in the Spring Festival → the first working day after it
        (at(2026, 2, 12, 10), 3, at(2026, 2, 24, 10)),
        # setting 0: still one working day
        (at(2026, 3, 24, 10), 0, at(2026, 3, 25, 10)),
    ],
)
def test_publicity_end(proposed, days, expected):
    assert duedates.publicity_end(proposed, days).at == expected


def test_unannounced_year_is_provisional_and_never_earlier():
    due = duedates.objection_deadline(at(2026, 12, 28))
    assert due.provisional
    # 29, 30, 31 Dec; 1 Jan 2027 is a statutory holiday; 4, 5, 6, 7 Jan
    assert due.at == end_of(2027, 1, 7)


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2027, 3, 1), 1, date(2028, 3, 1)),
        (date(2028, 2, 29), 1, date(2029, 3, 1)),
        (date(2027, 1, 10), 3, date(2030, 1, 10)),
    ],
)
def test_add_years(start, years, expected):
    assert duedates.add_years(start, years) == expected

"""Working-day arithmetic across the 2026 Spring Festival and National Day (table tests)."""

from datetime import date

import pytest

from tenders.workdays import (
    CalendarUnknown,
    add_calendar_days,
    add_working_days,
    is_working_day,
    next_working_day,
)


@pytest.mark.parametrize(
    "day, working",
    [
        (date(2026, 2, 13), True),  # Friday before the break
        (date(2026, 2, 14), True),  # Saturday, make-up working day (调休)
        (date(2026, 2, 16), False),  # 除夕 holiday
        (date(2026, 2, 23), False),  # last day of the break (Monday)
        (date(2026, 2, 24), True),
        (date(2026, 2, 28), True),  # Saturday, make-up working day
        (date(2026, 3, 1), False),  # ordinary Sunday
        (date(2026, 10, 1), False),  # National Day
        (date(2026, 10, 10), True),  # Saturday, make-up working day
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    "start, n, expected",
    [
        (date(2026, 2, 12), 3, date(2026, 2, 24)),  # 13, 14 (调休), then 24 after the break
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 9, 29), 3, date(2026, 10, 9)),  # 30 Sep, then 8 and 9 Oct after the break
        (date(2026, 3, 2), 5, date(2026, 3, 9)),  # an ordinary week: start day not counted
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    "start, n, expected",
    [
        (date(2026, 1, 27), 20, date(2026, 2, 24)),  # 16 Feb falls in the break: moves on
        (date(2026, 9, 11), 20, date(2026, 10, 8)),  # 1 Oct: moves to 8 Oct after the break
        (date(2026, 3, 2), 20, date(2026, 3, 23)),  # 22 Mar is a Sunday: Monday 23
        (date(2026, 3, 3), 20, date(2026, 3, 23)),
    ],
)
def test_add_calendar_days_moves_off_holidays(start, n, expected):
    assert add_calendar_days(start, n) == expected


def test_next_working_day_keeps_a_working_day():
    assert next_working_day(date(2026, 2, 24)) == date(2026, 2, 24)


def test_an_unannounced_year_says_so():
    with pytest.raises(CalendarUnknown, match="2027"):
        add_working_days(date(2026, 12, 30), 5)


@pytest.mark.parametrize(
    "method, published, expected",
    [
        ("open", "2026-01-27 09:00", "2026-02-16 09:00"),  # 20 calendar days
        ("consultation", "2026-02-10 09:00", "2026-02-20 09:00"),
        ("negotiation", "2026-02-12 10:00", "2026-02-24 10:00"),  # 3 working days over the break
        ("single_source", "2026-09-28 15:00", "2026-10-10 15:00"),  # 5th: Saturday 调休
    ],
)
def test_earliest_deadline(method, published, expected, settings):
    from datetime import datetime

    from django.utils import timezone

    from tenders.periods import earliest_deadline

    def at(text):
        return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d %H:%M"))

    assert earliest_deadline(method, at(published)) == at(expected)


def test_settings_may_lengthen_but_never_shorten():
    from tenders.periods import minimum_days

    assert minimum_days("open", {"open": 25}) == 25
    assert minimum_days("open", {"open": 5}) == 20

"""China's official working-day calendar (pure given the calendar data; no ORM, no clock).

Holidays and make-up working days (调休) come from the `holidays` package; where it has no
调休 data for a year (announced by the State Council late each year) the computation says
so (`CalendarUnknown`) instead of guessing.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


class CalendarUnknown(ValueError):
    def __init__(self, year: int):
        super().__init__(f"{year} 年的节假日调休安排尚未公布，无法按工作日计算期限。")
        self.year = year


@lru_cache(maxsize=16)
def _calendar(year: int):
    cn = holidays.China(years=[year])
    workdays = frozenset(d for d in cn.weekend_workdays if d.year == year)
    return frozenset(cn.keys()), workdays


def announced(year: int) -> bool:
    return bool(_calendar(year)[1])


def is_working_day(day: date) -> bool:
    if not announced(day.year):
        raise CalendarUnknown(day.year)
    off, make_up = _calendar(day.year)
    if day in make_up:
        return True
    return day not in off and day.weekday() < 5


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (the start day is not counted)."""
    day = start
    for _ in range(n):
        day = next_working_day(day + timedelta(days=1))
    return day


def add_calendar_days(start: date, n: int) -> date:
    """n calendar days after `start`; a period ending on a day off ends the next working day."""
    return next_working_day(start + timedelta(days=n))

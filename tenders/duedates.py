"""The legal dates after evaluation: award, publicity, objections, contract (pure: no ORM, no clock).

Working days follow the official calendar (workdays.py). A period that reaches a year whose
make-up working days (调休) are not announced yet is computed from the statutory holidays
alone and marked `provisional`: without the make-up days such a date can only come later
than the true one, never earlier, so a bidder never loses a day by it; pages say so.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from . import workdays

DOCUMENTS_WORKING_DAYS = 5  # 采购文件提供期限不少于 5 个工作日
AWARD_CONFIRM_WORKING_DAYS = 5  # 评审报告后 5 个工作日内确定中标人
AWARD_NOTICE_WORKING_DAYS = 2  # 确定后 2 个工作日内发布中标公告
PUBLICITY_MIN_WORKING_DAYS = 1  # 公告期限 1 个工作日
OBJECTION_WORKING_DAYS = 7  # 公示期满后 7 个工作日内可提出质疑
ANSWER_WORKING_DAYS = 7  # 收到质疑后 7 个工作日内答复
CONTRACT_DAYS = 30  # 中标通知后 30 日内签订合同
CONTRACT_NOTICE_WORKING_DAYS = 2  # 签订后 2 个工作日内公告合同


@dataclass(frozen=True)
class Due:
    at: datetime
    provisional: bool = False


def add_years(day: date, years: int) -> date:
    """The same calendar date `years` later (29 February → 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def is_working_day(day: date) -> tuple[bool, bool]:
    """(working day?, provisional?) — statutory holidays only where 调休 is unannounced."""
    try:
        return workdays.is_working_day(day), False
    except workdays.CalendarUnknown:
        off, make_up = workdays._calendar(day.year)  # statutory holidays are known ahead
        return (day in make_up or (day not in off and day.weekday() < 5)), True


def next_working_day(day: date) -> tuple[date, bool]:
    provisional = False
    while True:
        ok, guess = is_working_day(day)
        provisional |= guess
        if ok:
            return day, provisional
        day += timedelta(days=1)


def add_working_days(start: date, n: int) -> tuple[date, bool]:
    """The n-th working day after `start` (the start day is not counted)."""
    day, provisional = start, False
    for _ in range(n):
        day, guess = next_working_day(day + timedelta(days=1))
        provisional |= guess
    return day, provisional


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def working_days_after(moment: datetime, n: int) -> Due:
    """By the end of the n-th working day after the day of `moment`."""
    day, provisional = add_working_days(timezone.localdate(moment), n)
    return Due(_end_of(day), provisional)


def calendar_days_after(moment: datetime, n: int) -> Due:
    """By the end of the n-th day after `moment`; a day off moves it to the next working day."""
    day, provisional = next_working_day(timezone.localdate(moment) + timedelta(days=n))
    return Due(_end_of(day), provisional)


def _same_time_on(moment: datetime, day: date) -> datetime:
    local = timezone.localtime(moment)
    return local + timedelta(days=(day - local.date()).days)


def publicity_end(proposed_at: datetime, calendar_days: int) -> Due:
    """公示 lasts `calendar_days` (ending on a working day) and at least one working day."""
    local = timezone.localtime(proposed_at)
    by_days, p1 = next_working_day(local.date() + timedelta(days=calendar_days))
    by_work, p2 = add_working_days(local.date(), PUBLICITY_MIN_WORKING_DAYS)
    return Due(_same_time_on(proposed_at, max(by_days, by_work)), p1 or p2)


def award_confirm_due(scored_at: datetime) -> Due:
    return working_days_after(scored_at, AWARD_CONFIRM_WORKING_DAYS)


def award_notice_due(proposed_at: datetime) -> Due:
    return working_days_after(proposed_at, AWARD_NOTICE_WORKING_DAYS)


def objection_deadline(publicity_ends_at: datetime) -> Due:
    return working_days_after(publicity_ends_at, OBJECTION_WORKING_DAYS)


def answer_due(filed_at: datetime) -> Due:
    return working_days_after(filed_at, ANSWER_WORKING_DAYS)


def contract_due(awarded_at: datetime) -> Due:
    return calendar_days_after(awarded_at, CONTRACT_DAYS)


def contract_notice_due(signed_at: datetime) -> Due:
    return working_days_after(signed_at, CONTRACT_NOTICE_WORKING_DAYS)


def documents_until(published_at: datetime) -> Due:
    """The tender documents are provided at least until the end of the 5th working day after
    publication (they stay downloadable afterwards too; this is the date the notice states)."""
    return working_days_after(published_at, DOCUMENTS_WORKING_DAYS)

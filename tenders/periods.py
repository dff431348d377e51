"""Legal minimum periods per procurement method (pure: no ORM, no clock).

Floors follow 政府采购法 / 实施条例 and the 竞争性磋商 rules. Settings may lengthen a
period (TENDER_MIN_DAYS = {"open": 25}), never shorten it below the floor. Working-day
counted days follow the official calendar (tenders/workdays.py) for the methods whose
minimum is in working days (竞争性谈判/询价, 单一来源); the others count calendar days.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from . import workdays

FLOOR_DAYS = {
    "open": 20,  # 公开招标
    "invited": 20,  # 邀请招标
    "consultation": 10,  # 竞争性磋商
    "negotiation": 3,  # 竞争性谈判 / 询价: 3 working days
    "single_source": 5,  # 单一来源: supplier published ≥5 working days first
    "venture": 20,  # 公益创投
}

# Valid bids needed at opening; fewer fails the tender (流标).
FLOOR_VALID_BIDS = {
    "open": 3,
    "invited": 3,
    "consultation": 2,  # a purchase of services may go on with 2
    "negotiation": 3,
    "single_source": 1,
    "venture": 1,
}


def minimum_days(method: str, overrides: dict | None = None) -> int:
    floor = FLOOR_DAYS[method]
    return max(floor, int((overrides or {}).get(method, floor)))


WORKING_DAY_METHODS = {"negotiation", "single_source"}


def earliest_deadline(method: str, published_at: datetime, overrides: dict | None = None):
    """The first allowed deadline for a tender published at `published_at`.

    Working-day methods: the n-th working day after publication (the start day is not
    counted), at the same time of day; raises workdays.CalendarUnknown for a year whose
    调休 has not been announced.
    """
    days = minimum_days(method, overrides)
    if method not in WORKING_DAY_METHODS:
        return published_at + timedelta(days=days)
    local = timezone.localtime(published_at)
    end = workdays.add_working_days(local.date(), days)
    return local + timedelta(days=(end - local.date()).days)


def minimum_valid_bids(method: str, overrides: dict | None = None) -> int:
    floor = FLOOR_VALID_BIDS[method]
    return max(floor, int((overrides or {}).get(method, floor)))


def publicity_days(configured) -> int:
    """Publicity (公示) lasts at least one day whatever the setting says."""
    return max(1, int(configured or 1))


# A clarification or change that can affect bids comes at least this many days before the
# deadline (招标 15 日, 竞争性磋商 5 日; the other methods 5 日), or the deadline moves.
CLARIFICATION_FLOOR_DAYS = {
    "open": 15,
    "invited": 15,
    "consultation": 5,
    "negotiation": 5,
    "single_source": 5,
    "venture": 5,
}


def clarification_days(method: str, overrides: dict | None = None) -> int:
    floor = CLARIFICATION_FLOOR_DAYS[method]
    return max(floor, int((overrides or {}).get(method, floor)))


def deadline_after_clarification(
    method: str, clarified_at: datetime, deadline: datetime, overrides: dict | None = None
) -> datetime | None:
    """The earliest lawful deadline after a clarification at `clarified_at`, or None when
    `deadline` is already far enough. The new deadline keeps the clarification's time of
    day and, falling on a day off, moves to the next working day."""
    from .duedates import next_working_day

    earliest = clarified_at + timedelta(days=clarification_days(method, overrides))
    if deadline >= earliest:
        return None
    local = timezone.localtime(earliest)
    day, _provisional = next_working_day(local.date())
    return local + timedelta(days=(day - local.date()).days)

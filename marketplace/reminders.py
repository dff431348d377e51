"""Helpers for reminder steps (registered by each app in marketplace.scheduling).

A reminder goes out once per item and due date: its notification key names both, so a step
that runs every few minutes, or is retried, notifies each person once; if the date moves,
the new date is reminded again. REMINDER_LEAD_DAYS (default 2) sets how early.
"""

from datetime import date, datetime, timedelta

from django.conf import settings

from . import clock
from .models import RoleAssignment


def lead() -> timedelta:
    return timedelta(days=int(getattr(settings, "REMINDER_LEAD_DAYS", 2)))


def due_soon(due: datetime | date | None) -> bool:
    """Due within the lead time from now (and not yet passed)."""
    if due is None:
        return False
    now = clock.now() if isinstance(due, datetime) else clock.today()
    return now <= due <= now + lead()


def key(kind: str, pk: int, due) -> str:
    stamp = due.strftime("%Y%m%d%H%M") if isinstance(due, datetime) else due.strftime("%Y%m%d")
    return f"remind:{kind}:{pk}:{stamp}"[:120]


class PlaceHolders:
    """The holders of a place-scoped role, loaded once per step run, looked up per place."""

    def __init__(self, role):
        self.assignments = list(
            RoleAssignment.objects.filter(role=role, place__isnull=False).select_related(
                "user", "place"
            )
        )

    def covering(self, place) -> list:
        users = {ra.user_id: ra.user for ra in self.assignments if ra.place.contains(place)}
        return list(users.values())

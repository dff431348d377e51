"""Due dates of delivery and evaluation work (pure arithmetic over the objects' fields).

- An evaluation party scores within EVALUATION_SCORING_DAYS of the evaluation opening (14).
- A delivery in progress logs at least every DELIVERY_LOG_DAYS (30): the next log is due that
  many days after the latest logged activity, or after the delivery started.
- A rectification (整改) is due on the delivery's rectification deadline.
"""

from datetime import date, datetime, timedelta

from django.conf import settings


def scoring_days() -> int:
    return int(getattr(settings, "EVALUATION_SCORING_DAYS", 14))


def log_days() -> int:
    return int(getattr(settings, "DELIVERY_LOG_DAYS", 30))


def scoring_due(opened_at: datetime) -> datetime:
    return opened_at + timedelta(days=scoring_days())


def log_due(last_log: date | None, started: date) -> date:
    return (last_log or started) + timedelta(days=log_days())

"""The server clock, in one place, so that seeding and tests can move it.

Every rule that depends on the time (deadlines, publicity periods) reads `now()`.
"""

import contextlib
import threading
from datetime import datetime

from django.utils import timezone

_local = threading.local()


def now() -> datetime:
    offset = getattr(_local, "offset", None)
    return timezone.now() + offset if offset is not None else timezone.now()


def today():
    return timezone.localdate(now())


@contextlib.contextmanager
def travel(to: datetime):
    """Run the block as if the clock read `to` (it keeps ticking from there)."""
    previous = getattr(_local, "offset", None)
    _local.offset = to - timezone.now()
    try:
        yield
    finally:
        _local.offset = previous

"""Scheduled steps (open tenders at their deadline, close publicity periods, reminders).

Apps register plain functions here in their AppConfig.ready(); beat runs them through
`run_scheduled_steps`, `manage.py run_scheduled` runs them once or in a loop (the
embedded default, with no broker). Each step must be idempotent.
"""

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)
_steps: dict[str, Callable[[], int]] = {}


def register(name: str):
    def decorate(fn: Callable[[], int]):
        _steps[name] = fn
        return fn

    return decorate


def run_all() -> dict[str, int]:
    done = {}
    for name, step in _steps.items():
        try:
            done[name] = step()
        except Exception:  # one failing step must not stop the others
            log.exception("scheduled step %s failed", name)
            done[name] = -1
    return done

"""Sections of core pages contributed by later stages (tenders, delivery, evaluation).

Core cannot import later apps; they register a panel here in AppConfig.ready(), for a slot:
"project" (the project page, context(project, user)) or "my_work" (the page after login,
context(None, user)). Each panel's context must run a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    slot: str
    order: int
    template: str
    context: Callable  # (project, user) -> dict | None (None hides the panel)


_panels: list[Panel] = []


def register(panel: Panel) -> Panel:
    _panels.append(panel)
    _panels.sort(key=lambda p: p.order)
    return panel


def render_context(slot: str, obj, user) -> list[tuple[str, dict]]:
    shown = []
    for panel in _panels:
        if panel.slot != slot:
            continue
        ctx = panel.context(obj, user)
        if ctx is not None:
            shown.append((panel.template, ctx))
    return shown


@dataclass
class Listing:
    """The first items of a queue and its live total (counted in the same query)."""

    items: list
    count: int

    def __bool__(self):
        return self.count > 0

    def __iter__(self):
        return iter(self.items)


def listing(queryset, limit: int = 20) -> Listing:
    from django.db.models import Count, Window

    items = list(queryset.annotate(listing_total=Window(Count("pk")))[:limit])
    return Listing(items, items[0].listing_total if items else 0)

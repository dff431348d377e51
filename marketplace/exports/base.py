"""What an export declares: its columns and, per viewer, its rows (or PermissionDenied)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import Http404


@dataclass(frozen=True)
class ExportColumn:
    label: str  # Chinese header
    value: Callable[[Any, Any], Any]  # (row object, viewer) -> cell; masks what viewer may not see


@dataclass(frozen=True)
class Export:
    slug: str
    label: str  # the list's name, used in the filename (label-YYYYMMDD.csv)
    columns: tuple[ExportColumn, ...]
    # (viewer, request.GET) -> the page's own queryset for this viewer; raises PermissionDenied
    rows: Callable[[Any, Any], Iterable]

    def header(self) -> list[str]:
        return [str(c.label) for c in self.columns]

    def cells(self, rows, viewer):
        for obj in rows:
            yield [c.value(obj, viewer) for c in self.columns]


_exports: dict[str, Export] = {}


def register(export: Export) -> Export:
    _exports[export.slug] = export
    return export


def get(slug: str) -> Export:
    try:
        return _exports[slug]
    except KeyError:
        raise Http404(slug) from None


def field(name: str) -> Callable[[Any, Any], Any]:
    """A column reading a (dotted) attribute; `get_x_display` works for choices."""

    def value(obj, viewer):
        for part in name.split("."):
            obj = getattr(obj, part, None)
            if callable(obj):
                obj = obj()
            if obj is None:
                return ""
        return obj

    return value

"""Plain text of StreamField content for search (pure: no ORM, no template rendering)."""

import re

from django.utils.html import strip_tags

SKIP_KEYS = {"id", "type", "size"}


def _strings(value):
    if isinstance(value, str):
        yield strip_tags(value)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in SKIP_KEYS:
                yield from _strings(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _strings(inner)


def stream_text(stream) -> str:
    """Every text value in a StreamField's raw data, tags stripped, whitespace collapsed."""
    raw = getattr(stream, "raw_data", stream) or []
    text = " ".join(s for s in _strings(list(raw)) if s.strip())
    return re.sub(r"\s+", " ", text).strip()

"""Site search that finds Chinese substrings on SQLite and PostgreSQL alike.

Full-text tokenizers (SQLite FTS5 unicode61, PostgreSQL 'simple') treat a run of Chinese
characters as one word, so 养老 would not find 居家养老服务. A substring match on the title
and the description finds it on both databases; a title hit ranks above a description hit.
"""

import re

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Page

MAX_TERMS = 5


def terms_of(query: str) -> list[str]:
    return [t for t in re.split(r"\s+", (query or "").strip()) if t][:MAX_TERMS]


def search_pages(query: str):
    terms = terms_of(query)
    if not terms:
        return Page.objects.none()
    pages = Page.objects.live().public().filter(depth__gt=2).select_related("content_type")
    score = Value(0, output_field=IntegerField())
    for term in terms:
        pages = pages.filter(Q(title__icontains=term) | Q(search_description__icontains=term))
        score = score + Case(
            When(title__icontains=term, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return pages.annotate(score=score).order_by("-score", "-first_published_at", "-pk")


def highlight(text: str, query: str) -> str:
    """Escape `text` and wrap every query term in <mark>."""
    terms = terms_of(query)
    html = escape(text or "")
    if terms:
        pattern = "|".join(re.escape(escape(t)) for t in sorted(terms, key=len, reverse=True))
        html = re.sub(f"({pattern})", r"<mark>\1</mark>", html, flags=re.IGNORECASE)
    return mark_safe(html)

"""Site search over notices, model cases, policy pages and public projects, that finds Chinese
substrings on SQLite and PostgreSQL alike.

Full-text tokenizers (SQLite FTS5 unicode61, PostgreSQL 'simple') treat a run of Chinese
characters as one word, so 养老 would not find 居家养老服务. Each source is matched with a
case-insensitive substring (LIKE) on its title and on a plain-text copy of its body
(`search_text`, kept by the pages on save; a project's own design text); the sources are
combined in one UNION query, ranked (title hits above body hits, more terms above fewer),
then paginated: two queries for a page of results whatever the data size.
"""

import re

from django.db.models import CharField, F, IntegerField, Q, TextField, Value
from django.db.models.functions import Cast, Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from marketplace.models import Project
from marketplace.selectors import PUBLIC_PROJECT_STATES

from .models import CasePage, NoticePage, PolicyPage

MAX_TERMS = 5
SNIPPET = 90
FIELDS = ("source", "pk", "title", "text", "date", "score")


def terms_of(query: str) -> list[str]:
    return [t for t in re.split(r"\s+", (query or "").strip()) if t][:MAX_TERMS]


def _ranked(queryset, terms, *, title, text):
    score = Value(0, output_field=IntegerField())
    for term in terms:
        queryset = queryset.filter(
            Q(**{f"{title}__icontains": term}) | Q(**{f"{text}__icontains": term})
        )
        score = score + _when(f"{title}__icontains", term, 3) + _when(f"{text}__icontains", term, 1)
    return queryset.annotate(score=score)


def _when(lookup, term, points):
    from django.db.models import Case, When

    return Case(When(**{lookup: term}, then=Value(points)), default=Value(0))


def _pages(model, source, terms):
    pages = model.objects.live().public()
    pages = _ranked(pages, terms, title="title", text="search_text")
    return (
        pages.annotate(
            source=Value(source, output_field=CharField()),
            text=Cast("search_text", TextField()),
            date=F("first_published_at"),
        )
        .order_by()
        .values(*FIELDS)
    )


def _projects(terms):
    projects = Project.objects.filter(state__in=PUBLIC_PROJECT_STATES).annotate(
        body=Concat(
            "community__path_name",
            Value(" "),
            "objectives",
            Value(" "),
            "service_content",
            Value(" "),
            "beneficiaries",
            Value(" "),
            "background",
            output_field=TextField(),
        )
    )
    projects = _ranked(projects, terms, title="title", text="body")
    return (
        projects.annotate(
            source=Value("project", output_field=CharField()),
            text=F("body"),
            date=F("updated_at"),
        )
        .order_by()
        .values(*FIELDS)
    )


def search_all(query: str):
    """Rows (source, pk, title, text, date, score), best first (a lazy UNION queryset)."""
    terms = terms_of(query)
    if not terms:
        return NoticePage.objects.none().values("pk")
    parts = [
        _pages(NoticePage, "notice", terms),
        _pages(CasePage, "case", terms),
        _pages(PolicyPage, "policy", terms),
        _projects(terms),
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-score", "-date", "source", "-pk")


def snippet(text: str, query: str, size: int = SNIPPET) -> str:
    """The part of `text` around the first term found, about `size` characters."""
    text = text or ""
    lowered = text.lower()
    hits = [lowered.find(t.lower()) for t in terms_of(query)]
    hits = [h for h in hits if h >= 0]
    start = max(min(hits) - size // 3, 0) if hits else 0
    part = text[start : start + size]
    return ("…" if start else "") + part + ("…" if start + size < len(text) else "")


def highlight(text: str, query: str) -> str:
    """Escape `text` and wrap every query term in <mark>."""
    terms = terms_of(query)
    html = escape(text or "")
    if terms:
        pattern = "|".join(re.escape(escape(t)) for t in sorted(terms, key=len, reverse=True))
        html = re.sub(f"({pattern})", r"<mark>\1</mark>", html, flags=re.IGNORECASE)
    return mark_safe(html)

"""Every URL the URL conf can answer, with its path parameters filled from the database.

The walk reads `get_resolver()` recursively, so a URL added anywhere (an app, the Django
admin, the Wagtail admin, an API) is covered without editing this file. A parameter is filled
from what the database holds:

- a parameter named like a model field (`code`, `token`, `slug`, `username`…) takes that
  field's values;
- `pk`/`id`/`object_id`/`<word>_id`/`<word>_pk` takes the primary keys of the models the path
  names (`tenders/bids/<pk>/` → Bid; `django-admin/tenders/bid/<object_id>/` → Bid;
  `cms-admin/pages/<page_id>/` → Page), or, when no model is named, of every model in
  `FALLBACK_MODELS`;
- a few parameters need their partner (`documents/<kind>/<pk>/`: the kind's model;
  `<app_label>/<model_name>/`: registered models; `<path>` under media: stored file names;
  Wagtail's catch-all: the page paths). These are the explicit list in `JOINT`.

Each candidate URL must match the pattern's own regex, so a wrong guess is dropped.
"""

import itertools
import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize

PER_PATTERN = 3  # at most this many URLs per pattern (products of candidates are capped)
PER_JOINT = 12  # … per pattern whose parameters are filled together (JOINT)
PER_MODEL = 3  # at most this many objects of one model: the newest (the fixture's own)
PROJECT_APPS = ["tenders", "marketplace", "cms", "evaluations", "needs"]
FALLBACK_MODELS = [
    "tenders.Tender",
    "tenders.Bid",
    "marketplace.Project",
    "marketplace.Organisation",
]
PK_NAMES = {"pk", "id", "object_id"}


@dataclass(frozen=True)
class Pattern:
    regex: str  # the full regex, anchors stripped
    template: str  # "tenders/%(pk)s/"
    params: tuple[str, ...]
    name: str


def patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            rx = entry.pattern.regex.pattern.removeprefix("^")
            if isinstance(entry, URLResolver):
                ns = entry.namespace or namespace
                walk(entry, prefix + rx.removesuffix("$"), ns)
            elif isinstance(entry, URLPattern):
                full = prefix + rx
                for template, params in normalize(full):
                    name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
                    found.append(Pattern(full.removesuffix("$"), template, tuple(params), name))

    walk(get_resolver(), "", "")
    return found


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def _model_index() -> dict[str, list[type[models.Model]]]:
    """'bid', 'bids', 'deliverylog', 'log', 'logs', 'page', 'pages'… → models."""
    index: dict[str, list] = {}
    for model in apps.get_models():
        names = {model._meta.model_name}
        camel = re.findall(r"[A-Z][a-z0-9]*", model.__name__)
        if camel:
            names.add(camel[-1].lower())
        for name in list(names):
            names |= {name + "s", name + "es", name[:-1] + "ies" if name.endswith("y") else name}
        for name in names:
            index.setdefault(name, []).append(model)
    return index


def _pks(model) -> list[str]:
    newest = model._default_manager.order_by("-pk").values_list("pk", flat=True)[:PER_MODEL]
    return [str(pk) for pk in newest]


def _order(value: str):
    return (len(value), value)  # numeric order for integer keys, stable for string keys


def _project_models():
    return [m for label in PROJECT_APPS for m in apps.get_app_config(label).get_models()]


class Candidates:
    def __init__(self):
        self.index = _model_index()
        self.fields: dict[str, list[str]] = {}
        for model in apps.get_models():
            if model._meta.proxy:
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, (models.CharField, models.SlugField)) and not (
                    field.primary_key or field.name in {"password", "name", "title"}
                ):
                    values = (
                        model._default_manager.exclude(**{field.name: ""})
                        .order_by("-pk")
                        .values_list(field.name, flat=True)[:PER_MODEL]
                    )
                    self.fields.setdefault(field.name, []).extend(str(v) for v in values)

    def for_param(self, param: str, template: str) -> list[str]:
        if param in self.fields and param not in PK_NAMES:
            return sorted(set(self.fields[param]))
        word = re.sub(r"_(id|pk)$", "", param)
        if word in PK_NAMES or word != param:
            return self._pks_named(word, template)
        return []

    def _pks_named(self, word: str, template: str) -> list[str]:
        """Models named by the parameter, else by the nearest path segment naming one."""
        segments = _words(template.split(f"%({word}")[0])
        keys = [word, word.replace("_", ""), word.split("_")[-1], *reversed(segments)]
        for key in keys:
            if key in self.index:
                return sorted({pk for m in self.index[key] for pk in _pks(m)}, key=_order)[::-1]
        return sorted(
            {pk for label in FALLBACK_MODELS for pk in _pks(apps.get_model(label))}, key=_order
        )[::-1]


def _joint(pattern: Pattern, cands: Candidates) -> list[dict] | None:
    """Parameters that only make sense together (the explicit list)."""
    from marketplace import documents

    params = set(pattern.params)
    if {"kind", "pk"} <= params:
        return [
            {"kind": name, "pk": pk}
            for name, kind in documents._kinds.items()
            for pk in _pks(apps.get_model(kind.model))
        ]
    app_param = next((p for p in params if p in {"app_label", "app_name"}), None)
    if app_param and params & {"model_name"}:
        rows = [
            {app_param: m._meta.app_label, "model_name": m._meta.model_name}
            for m in _project_models()
        ]
        rest = params - {app_param, "model_name"}
        if not rest:
            return rows
        return None
    if params == {"app_label"}:
        return [{"app_label": label} for label in PROJECT_APPS]
    if params == {"path"}:
        return [{"path": name} for name in stored_file_names()]
    if params == {"_0", "_1"} and "documents" in pattern.template:  # Wagtail documents
        from wagtail.documents import get_document_model

        docs = get_document_model().objects.all()[:PER_MODEL]
        return [{"_0": str(d.pk), "_1": d.filename} for d in docs]
    if params == {"_0"} and pattern.template == "%(_0)s":  # Wagtail's page catch-all
        return [{"_0": path} for path in page_paths()]
    return None


def stored_file_names() -> list[str]:
    names = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names += [n for n in model._default_manager.values_list(field.name, flat=True) if n]
    return sorted(set(names))


def page_paths() -> list[str]:
    from wagtail.models import Page

    paths = []
    for page in Page.objects.live().specific():
        url = page.get_url()
        if url:
            paths.append(url.lstrip("/"))
    return sorted(set(paths))


def urls(cands: Candidates | None = None) -> list[tuple[Pattern, str]]:
    """(pattern, path) for every pattern; parameterised ones once per candidate value set."""
    cands = cands or Candidates()
    out = []
    for pattern in patterns():
        if not pattern.params:
            out.append((pattern, "/" + pattern.template))
            continue
        rows = _joint(pattern, cands)
        cap = PER_PATTERN if rows is None else len(rows) if "kind" in pattern.params else PER_JOINT
        if rows is None:
            lists = [cands.for_param(p, pattern.template) for p in pattern.params]
            rows = [
                dict(zip(pattern.params, combo, strict=True)) for combo in itertools.product(*lists)
            ]
        compiled = re.compile(pattern.regex)
        taken = 0
        for row in rows:
            path = pattern.template % row
            if compiled.fullmatch(path):
                out.append((pattern, "/" + path))
                taken += 1
                if taken >= cap:
                    break
    return out


def admin_queries(terms: list[str]) -> list[str]:
    """Each ModelAdmin's changelist searched for each term, and its autocomplete lookups."""
    from urllib.parse import urlencode

    out = []
    for model, model_admin in admin.site._registry.items():
        base = f"/django-admin/{model._meta.app_label}/{model._meta.model_name}/"
        for term in terms:
            out.append(base + "?" + urlencode({"q": term}))
        sources = [model_admin, *[i(model, admin.site) for i in model_admin.inlines]]
        for source in sources:
            for field_name in getattr(source, "autocomplete_fields", ()):
                for term in terms:
                    query = {
                        "app_label": source.model._meta.app_label,
                        "model_name": source.model._meta.model_name,
                        "field_name": field_name,
                        "term": term,
                    }
                    out.append("/django-admin/autocomplete/?" + urlencode(query))
    return out

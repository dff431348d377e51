"""Documents (PDF, WeasyPrint): rendered once per version of what they show, then kept.

Apps register their kinds in AppConfig.ready(). Downloads serve the kept file; a missing
version is rendered in the background (in-process when no broker is configured).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from .models import Document


@dataclass(frozen=True)
class DocumentKind:
    name: str
    model: str  # "app_label.ModelName" of the object it shows
    title: Callable  # obj -> str
    template: str
    context: Callable  # obj -> dict
    version: Callable  # obj -> str: a new value means a new document
    can_view: Callable  # (obj, user) -> bool


_kinds: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    _kinds[kind.name] = kind
    return kind


def get_kind(name: str) -> DocumentKind:
    return _kinds[name]


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {**context, "font_family": settings.DOCUMENT_FONT_FAMILY})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def kept(obj, kind_name: str) -> Document | None:
    kind = _kinds[kind_name]
    return Document.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        kind=kind_name,
        version=kind.version(obj),
    ).first()


def render_and_keep(object_id: int, kind_name: str) -> Document:
    kind = _kinds[kind_name]
    obj = apps.get_model(kind.model).objects.get(pk=object_id)
    existing = kept(obj, kind_name)
    if existing:
        return existing
    pdf = render_pdf(kind.template, {"object": obj, **kind.context(obj)})
    doc = Document(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        kind=kind_name,
        version=kind.version(obj),
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
    )
    doc.file.save(f"{kind_name}-{obj.pk}-{doc.version}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            doc.save()
    except IntegrityError:  # rendered concurrently by another worker: keep theirs
        doc.file.delete(save=False)
        return kept(obj, kind_name)
    return doc


def kept_or_render(obj, kind_name: str) -> Document | None:
    """The kept document; rendered now when tasks run in-process, else scheduled (None)."""
    doc = kept(obj, kind_name)
    if doc is None and settings.CELERY_TASK_ALWAYS_EAGER:
        doc = render_and_keep(obj.pk, kind_name)
    elif doc is None:
        request_render(obj, kind_name)
    return doc


def request_render(obj, kind_name: str) -> None:
    """Schedule rendering after the current transaction commits."""
    from .tasks import render_document

    transaction.on_commit(lambda: render_document.delay(obj.pk, kind_name))

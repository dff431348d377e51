"""Importers by kind. Apps register theirs in AppConfig.ready() (core cannot import them)."""

from django.http import Http404

from .base import Importer

_importers: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    _importers[importer.kind] = importer
    return importer


def get(kind: str) -> Importer:
    try:
        return _importers[kind]
    except KeyError:
        raise Http404(kind) from None


def kinds() -> list[str]:
    return list(_importers)


def available_to(user) -> list[Importer]:
    return [imp for imp in _importers.values() if imp.may_import(user)]

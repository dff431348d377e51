"""A "my work" section for those who may import: links to the imports and their latest jobs."""

from .. import panels
from ..models import ImportJob
from . import registry


def my_work_context(_obj, user):
    if not user.is_authenticated:
        return None
    importers = registry.available_to(user)
    if not importers:
        return None
    return {"importers": importers, "jobs": list(ImportJob.objects.filter(user=user)[:5])}


def register() -> None:
    panels.register(
        panels.Panel("my_work", 90, "marketplace/imports/panel_my_work.html", my_work_context)
    )

"""Background tasks of the public site. Tasks take ids and are idempotent."""

from celery import shared_task
from django.apps import apps


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def publish_notice(
    kind: str, app_label: str, model: str, object_id: int, round: int | None = None
) -> int | None:
    """Create and publish one workflow notice (once: a retry returns the same page).

    `round`: the award round of an award proposal or award notice (cms/rounds.py)."""
    from .services.notices import notice_publish

    obj = apps.get_model(app_label, model).objects.filter(pk=object_id).first()
    if obj is None:
        return None
    return notice_publish(kind=kind, obj=obj, round=round).pk

"""Core background tasks. Tasks take ids, are idempotent and safe to retry."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(notification_id: int) -> None:
    from .models import Notification

    note = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if note is None or not note.user.email:
        return
    link = f"\n\n{settings.SITE_URL}{note.url}" if note.url else ""
    send_mail(note.title, f"{note.body}{link}", None, [note.user.email])


@shared_task
def render_document(object_id: int, kind: str) -> None:
    from .documents import render_and_keep

    render_and_keep(object_id, kind)


@shared_task
def run_scheduled_steps() -> dict:
    """Beat entry point: runs every registered scheduled step once (each is idempotent)."""
    from .scheduling import run_all

    return run_all()


@shared_task
def run_import_job(job_id: int) -> None:
    """Checks (or commits) an uploaded import file; progress is kept on the ImportJob."""
    from .imports.jobs import import_job_run

    import_job_run(job_id)

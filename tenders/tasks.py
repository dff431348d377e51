"""Celery entry points (beat also runs them through marketplace.tasks.run_scheduled_steps)."""

from celery import shared_task


@shared_task
def open_due_tenders() -> int:
    from .steps import open_due_tenders as step

    return step()


@shared_task
def close_publicity() -> int:
    from .steps import close_publicity as step

    return step()


@shared_task
def open_tender(tender_id: int) -> bool:
    from .services.tenders import tender_open

    return tender_open(tender_id=tender_id) is not None

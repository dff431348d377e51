"""Scheduled steps: open tenders at their deadline; close publicity periods. Idempotent."""

from marketplace import clock, scheduling

from .models import Tender, TenderState
from .services import tenders as services


@scheduling.register("tenders.open_due")
def open_due_tenders() -> int:
    due = Tender.objects.filter(state=TenderState.PUBLISHED, deadline__lte=clock.now())
    return sum(1 for pk in due.values_list("pk", flat=True) if services.tender_open(tender_id=pk))


@scheduling.register("tenders.close_publicity")
def close_publicity() -> int:
    due = Tender.objects.filter(
        state=TenderState.AWARD_PROPOSED, publicity_ends_at__lte=clock.now()
    )
    return sum(1 for pk in due.values_list("pk", flat=True) if services.tender_award(tender_id=pk))

"""Releasing a payment item when its gate holds (purchaser only, never twice, never beyond)."""

from django.db import transaction

from marketplace.workflow import apply_transition
from tenders.models import Contract

from ..models import PaymentItem


@transaction.atomic
def payment_release(*, item: PaymentItem, user, reason: str = "") -> PaymentItem:
    # Lock the contract first: concurrent releases of its items are serialised.
    Contract.objects.select_for_update().get(pk=item.contract_id)
    return apply_transition(item, "release", actor=user, reason=reason)

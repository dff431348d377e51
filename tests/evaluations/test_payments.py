from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from evaluations.models import PaymentItem, PaymentState
from evaluations.services.payments import payment_release
from marketplace.workflow import WorkflowError
from tenders.models import Contract

from .helpers import run_evaluation


def items(delivery):
    return {i.gate: i for i in PaymentItem.objects.filter(contract=delivery.contract)}


def test_first_instalment_released_on_signing(delivery, purchaser):
    item = payment_release(item=items(delivery)["signing"], user=purchaser)
    assert item.state == PaymentState.RELEASED and item.released_by == purchaser


def test_not_before_its_gate(delivery, purchaser, staff, third_party):
    mid = items(delivery)["mid_pass"]
    with pytest.raises(WorkflowError, match="付款条件"):
        payment_release(item=mid, user=purchaser)
    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party, score=50)
    with pytest.raises(WorkflowError, match="付款条件"):
        payment_release(item=mid, user=purchaser)  # a failed evaluation does not open the gate
    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party)
    assert payment_release(item=mid, user=purchaser).state == PaymentState.RELEASED


def test_never_twice(delivery, purchaser):
    item = items(delivery)["signing"]
    payment_release(item=item, user=purchaser)
    with pytest.raises(WorkflowError, match="当前状态"):
        payment_release(item=item, user=purchaser)


def test_never_beyond_the_contract_amount(delivery, purchaser):
    # An extra item added by hand must not push the released total over the contract amount.
    contract = delivery.contract
    payment_release(item=items(delivery)["signing"], user=purchaser)
    extra = PaymentItem.objects.create(
        contract=contract, label="追加", percentage=80, amount=Decimal("80000"), gate="signing"
    )
    with pytest.raises(WorkflowError, match="超过合同金额"):
        payment_release(item=extra, user=purchaser)
    extra.refresh_from_db()
    assert extra.state == PaymentState.PENDING
    assert Contract.objects.get(pk=contract.pk).amount == Decimal("100000")


@pytest.mark.parametrize("who", ["org_admin", "staff", "purchaser_elsewhere", "outsider"])
def test_only_the_purchaser_releases(delivery, who, request):
    item = items(delivery)["signing"]
    with pytest.raises(PermissionDenied):
        payment_release(item=item, user=request.getfixturevalue(who))
    item.refresh_from_db()
    assert item.state == PaymentState.PENDING


def test_whole_schedule_after_final_pass(delivery, purchaser, staff, third_party):
    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party)
    run_evaluation(
        delivery, purchaser=purchaser, staff=staff, third_party=third_party, kind="final"
    )
    for item in items(delivery).values():
        payment_release(item=item, user=purchaser)
    released = sum(i.amount for i in PaymentItem.objects.filter(state=PaymentState.RELEASED))
    assert released == delivery.contract.amount

"""Contract rules: the term, both signatures, supplementary agreements (≤10 % in total), the PDF."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace import clock
from marketplace.selectors import timeline_for
from marketplace.workflow import WorkflowError
from tenders.models import ContractState, TenderState
from tenders.services import contracts as services
from tenders.services import tenders as tender_services
from tests.support.pdf import pdf_text

pytestmark = pytest.mark.usefixtures("march")


@pytest.fixture
def awarded_now(awarded):
    with clock.travel(awarded.awarded_at + timedelta(hours=1)):
        yield awarded


def _sign(tender, user, **kw):
    data = dict(
        amount=Decimal("150000"),
        start_date=date(2026, 5, 1),
        end_date=date(2027, 4, 30),
        service_standard="每月探访 2 次",
    )
    data.update(kw)
    return tender_services.contract_sign(tender=tender, user=user, **data)


@pytest.fixture
def contract(awarded_now, purchaser):
    return _sign(awarded_now, purchaser)


def test_one_year_by_default(awarded_now, purchaser):
    assert _sign(awarded_now, purchaser, end_date=date(2027, 5, 1)).state == ContractState.SIGNED


def test_longer_than_a_year_refused_without_the_flag(awarded_now, purchaser):
    with pytest.raises(WorkflowError, match="稳定持续"):
        _sign(awarded_now, purchaser, end_date=date(2029, 4, 30))
    awarded_now.refresh_from_db()
    assert awarded_now.state == TenderState.AWARDED


def test_up_to_three_years_with_the_flag(awarded_now, purchaser):
    contract = _sign(awarded_now, purchaser, end_date=date(2029, 4, 30), stable_service=True)
    assert contract.state == ContractState.SIGNED and contract.stable_service


def test_more_than_three_years_refused_even_with_the_flag(awarded_now, purchaser):
    with pytest.raises(WorkflowError, match="三年"):
        _sign(awarded_now, purchaser, end_date=date(2029, 5, 2), stable_service=True)


def test_contract_above_the_winning_price_refused(awarded_now, purchaser):
    with pytest.raises(WorkflowError, match="中标价"):
        _sign(awarded_now, purchaser, amount=awarded_now.winning_bid.price + Decimal("0.01"))


def test_the_winner_countersigns_once(contract, bidders, purchaser):
    winner = bidders[0][1]
    for person in (purchaser, bidders[1][1]):
        with pytest.raises(PermissionDenied):
            services.contract_countersign(contract=contract, user=person)
    signed = services.contract_countersign(contract=contract, user=winner)
    assert signed.countersigned_by == winner and signed.countersigned_at
    record = [r for r in timeline_for(signed) if r.transition == "countersign"][0]
    assert record.by == winner
    with pytest.raises(WorkflowError, match="已签署"):
        services.contract_countersign(contract=contract, user=winner)


def test_supplements_up_to_ten_percent_in_total(contract, purchaser):
    services.supplement_add(contract=contract, user=purchaser, amount=Decimal("9000"), content="a")
    services.supplement_add(contract=contract, user=purchaser, amount=Decimal("6000"), content="b")
    with pytest.raises(WorkflowError, match="10%") as refused:
        services.supplement_add(
            contract=contract, user=purchaser, amount=Decimal("0.01"), content="c"
        )
    assert "最多还可追加 0.00 元" in refused.value.message
    assert list(contract.supplements.values_list("amount", flat=True)) == [
        Decimal("9000"),
        Decimal("6000"),
    ]


def test_one_supplement_above_ten_percent_refused(contract, purchaser):
    with pytest.raises(WorkflowError, match="10%"):
        services.supplement_add(
            contract=contract, user=purchaser, amount=Decimal("15000.01"), content="扩大服务范围"
        )
    assert not contract.supplements.exists()


@pytest.mark.parametrize("who", ["purchaser_elsewhere", "outsider"])
def test_supplement_needs_the_purchaser(contract, who, request):
    with pytest.raises(PermissionDenied):
        services.supplement_add(
            contract=contract, user=request.getfixturevalue(who), amount=Decimal("1"), content="x"
        )


def test_contract_pdf_lists_the_supplements(
    client, contract, purchaser, django_capture_on_commit_callbacks
):
    services.supplement_add(
        contract=contract, user=purchaser, amount=Decimal("5000"), content="增加周末助餐服务"
    )
    url = reverse("document", args=["contract", contract.pk])
    client.force_login(purchaser)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    assert "补充协议" in text and "增加周末助餐服务" in text and "5000.00" in text

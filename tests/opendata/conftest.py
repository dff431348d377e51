"""Fixtures for open data: tenders in every state through the real services, a delivery
with an evaluation and payments, and helpers to read JSON outputs."""

from datetime import timedelta
from decimal import Decimal

import pytest

from evaluations.models import PaymentItem
from evaluations.services.payments import payment_release
from marketplace import clock
from tenders.services import tenders as services
from tests.evaluations.conftest import delivery, third_party  # noqa: F401
from tests.evaluations.helpers import run_evaluation
from tests.tenders.conftest import (  # noqa: F401
    awarded,
    bidders,
    evaluating,
    later,
    opened,
    panel,
    proposed,
    tender,
)


@pytest.fixture
def contracted(awarded, purchaser):  # noqa: F811
    with clock.travel(awarded.awarded_at + timedelta(days=1)):
        services.contract_sign(
            tender=awarded,
            user=purchaser,
            amount=awarded.winning_bid.price,
            start_date=clock.today() + timedelta(days=10),
            end_date=clock.today() + timedelta(days=375),
            service_standard="每月不少于 4 场活动",
        )
    awarded.refresh_from_db()
    return awarded


@pytest.fixture
def implemented(delivery, purchaser, staff, third_party):  # noqa: F811
    """A contract (made directly) whose mid-term evaluation passed and two payments went out."""
    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party)
    for gate in ("signing", "mid_pass"):
        payment_release(
            item=PaymentItem.objects.get(contract=delivery.contract, gate=gate), user=purchaser
        )
    return delivery.contract.tender


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


PRICE = Decimal("150000")

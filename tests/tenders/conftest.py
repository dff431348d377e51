from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace import clock
from tenders.services import panel as panel_services
from tenders.services import tenders as services
from tests.tenders.factories import (
    bidder,
    check_all,
    confirm_all,
    declare_none,
    evaluator,
    published_tender,
    score_only,
    submit,
)


@pytest.fixture
def tender(purchaser):
    return published_tender(purchaser)


@pytest.fixture
def bidders(places):
    return [bidder(f"投标社工机构{i}") for i in range(3)]


@pytest.fixture
def later(tender):
    """A moment after the deadline: `with clock.travel(later):`."""
    return tender.deadline + timedelta(minutes=5)


@pytest.fixture
def opened(tender, bidders, later):
    for i, (org, user) in enumerate(bidders):
        submit(tender, org, user, price=str(150000 + 10000 * i))
    with clock.travel(later):
        return services.tender_open(tender_id=tender.pk)


@pytest.fixture
def panel(places):
    """A lawful panel for 公开招标 under 10 million yuan: five experts."""
    return [evaluator(i) for i in range(5)]


@pytest.fixture
def evaluating(opened, purchaser, panel, later):
    with clock.travel(later):
        panel_services.panel_appoint(tender=opened, user=purchaser, evaluators=panel)
        for person in panel:
            declare_none(opened, person)
        return services.tender_start_evaluation(tender=opened, user=purchaser)


def score_all(tender, panel, value=Decimal("10")):
    """Every member passes every bid's eligibility, then scores every criterion `value`."""
    check_all(tender, panel)
    score_only(tender, panel, value)


@pytest.fixture
def proposed(evaluating, purchaser, panel, later):
    with clock.travel(later):
        score_all(evaluating, panel)
        confirm_all(evaluating, panel)
        return services.tender_propose_award(tender=evaluating, user=purchaser)


@pytest.fixture
def awarded(proposed):
    with clock.travel(proposed.publicity_ends_at + timedelta(minutes=1)):
        return services.tender_award(tender_id=proposed.pk)


# A fixed Monday in a year whose 调休 is announced: award and objection dates are exact.
MARCH = timezone.make_aware(datetime(2026, 3, 2, 9, 0))


@pytest.fixture
def march():
    """Run the test (and the fixtures after it) from 2026-03-02 09:00 (Asia/Shanghai)."""
    with clock.travel(MARCH):
        yield MARCH

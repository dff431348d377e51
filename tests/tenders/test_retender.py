"""流标 → re-tender on the same terms, or change the method with the approval recorded."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace import clock
from marketplace.models import TransitionRecord
from marketplace.workflow import WorkflowError
from tenders.models import TenderState
from tenders.services import tenders as services
from tenders.services.retender import tender_retender
from tests.tenders.factories import after_deadline, bidder, submit


@pytest.fixture
def failed(tender, places):
    org, user = bidder()
    submit(tender, org, user)  # one bid: fewer than 3, the tender fails
    with after_deadline(tender):
        failed = services.tender_open(tender_id=tender.pk)
    assert failed.state == TenderState.FAILED
    return failed


def deadline():
    return clock.now() + timedelta(days=25)


def test_retender_same_method_copies_terms(failed, purchaser):
    new = tender_retender(tender=failed, user=purchaser, method="open", deadline=deadline())
    assert new.state == TenderState.DRAFT and new.previous == failed
    assert new.ceiling_price == failed.ceiling_price and new.price_weight == failed.price_weight
    assert list(new.criteria.values_list("name", "weight")) == list(
        failed.criteria.values_list("name", "weight")
    )
    assert services.tender_publish(tender=new, user=purchaser).state == TenderState.PUBLISHED
    with pytest.raises(WorkflowError, match="已经重新发起"):
        tender_retender(tender=failed, user=purchaser, method="open", deadline=deadline())


def test_method_change_needs_approval_and_is_recorded(failed, purchaser):
    with pytest.raises(WorkflowError, match="批准单位"):
        tender_retender(tender=failed, user=purchaser, method="consultation", deadline=deadline())
    new = tender_retender(
        tender=failed,
        user=purchaser,
        method="consultation",
        deadline=deadline(),
        approved_by="五华区财政局 五财采〔2027〕12号",
        reason="公开招标只有一家投标",
    )
    assert new.method == "consultation" and new.method_change_approved_by.startswith("五华区财政局")
    record = TransitionRecord.objects.get(object_id=failed.pk, transition="retender")
    assert record.by == purchaser
    assert "竞争性磋商" in record.reason and "五华区财政局" in record.reason


def test_retender_needs_the_purchaser_and_a_failed_tender(failed, tender, purchaser_elsewhere):
    with pytest.raises(PermissionDenied):
        tender_retender(tender=failed, user=purchaser_elsewhere, method="open", deadline=deadline())


def test_retender_refused_unless_failed(tender, purchaser):
    with pytest.raises(WorkflowError, match="当前状态"):
        tender_retender(tender=tender, user=purchaser, method="open", deadline=deadline())


def test_retender_over_http(client, failed, purchaser):
    client.force_login(purchaser)
    page = client.get(reverse("tenders:detail", args=[failed.pk])).content.decode()
    assert reverse("tenders:retender", args=[failed.pk]) in page
    url = reverse("tenders:retender", args=[failed.pk])
    when = deadline().astimezone().strftime("%Y-%m-%dT%H:%M")
    bad = client.post(url, {"method": "consultation", "deadline": when})
    assert bad.status_code == 400 and "变更采购方式时必填" in bad.content.decode()
    ok = client.post(
        url,
        {"method": "consultation", "deadline": when, "approved_by": "区财政局", "reason": "仅一家"},
    )
    assert ok.status_code == 302
    new = failed.retenders.get()
    detail = client.get(reverse("tenders:detail", args=[new.pk])).content.decode()
    assert "区财政局" in detail and "重新采购" in detail

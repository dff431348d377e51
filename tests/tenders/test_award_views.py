"""The new pages over HTTP: questions, clarifications, award choice, objections, contracts."""

from datetime import timedelta

import pytest
from django.urls import reverse

from marketplace import clock
from tenders.models import ObjectionState, QuestionState, TenderState
from tenders.services import objections as objection_services
from tests.tenders.conftest import score_all
from tests.tenders.factories import bidder, confirm_all

pytestmark = pytest.mark.usefixtures("march")


def test_ask_and_answer_over_http(client, tender, purchaser, places):
    org, user = bidder("提问页面测试中心")
    url = reverse("tenders:ask", args=[tender.pk])
    client.force_login(user)
    assert client.get(url).status_code == 200
    assert client.post(url, {"organisation": org.pk, "text": ""}).status_code == 400
    assert client.post(url, {"organisation": org.pk, "text": "能否分两期实施？"}).status_code == 302
    question = tender.questions.get()
    answer = reverse("tenders:answer", args=[question.pk])
    assert client.post(answer, {"answer": "可以"}).status_code == 403
    client.force_login(purchaser)
    assert client.post(answer, {"answer": ""}).status_code == 400
    assert client.post(answer, {"answer": "可以分两期。"}).status_code == 302
    question.refresh_from_db()
    assert question.state == QuestionState.ANSWERED
    client.logout()
    page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "可以分两期" in page and "提问页面测试中心" not in page


@pytest.mark.parametrize("who", ["outsider", "purchaser"])
def test_ask_page_is_for_organisations(client, tender, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("tenders:ask", args=[tender.pk])).status_code == 403


def test_clarify_over_http(client, tender, purchaser, org_admin):
    url = reverse("tenders:clarify", args=[tender.pk])
    client.force_login(org_admin)
    assert client.get(url).status_code == 403
    client.force_login(purchaser)
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": ""}).status_code == 400
    old = tender.deadline
    with clock.travel(old - timedelta(days=3)):
        response = client.post(url, {"text": "增加服务点一处。", "affects_bids": "on"})
    assert response.status_code == 302
    tender.refresh_from_db()
    assert tender.deadline > old
    page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "增加服务点一处" in page and "顺延至" in page


def test_propose_another_winner_needs_a_reason_over_http(
    client, evaluating, panel, purchaser, bidders, later
):
    with clock.travel(later):
        score_all(evaluating, panel)
        client.force_login(purchaser)
        detail = reverse("tenders:detail", args=[evaluating.pk])
        assert "确定中标候选人并公示" not in client.get(detail).content.decode()  # report unsigned
        confirm_all(evaluating, panel)
        page = client.get(detail).content.decode()
        assert "确定中标候选人并公示" in page and "法定时限" in page
        second = evaluating.bids.get(organisation=bidders[1][0])
        url = reverse("tenders:propose_award", args=[evaluating.pk])
        refused = client.post(url, {"bid": second.pk, "reason": ""})
        assert refused.status_code == 400 and "须书面说明理由" in refused.content.decode()
        assert client.post(url, {"bid": second.pk, "reason": "第一名资质不符"}).status_code == 302
    evaluating.refresh_from_db()
    assert evaluating.state == TenderState.AWARD_PROPOSED
    assert evaluating.winning_bid == second


def test_objection_over_http(client, proposed, bidders, purchaser, org_admin):
    org, user = bidders[1]
    url = reverse("tenders:object", args=[proposed.pk])
    with clock.travel(proposed.award_proposed_at + timedelta(hours=1)):
        client.force_login(org_admin)  # took no part in the tender
        assert client.get(url).status_code == 403
        client.force_login(user)
        page = client.get(reverse("tenders:detail", args=[proposed.pk])).content.decode()
        assert "提出质疑" in page
        assert client.get(url).status_code == 200
        data = {"organisation": org.pk, "text": "报价计算有误。", "may_change_result": "on"}
        assert client.post(url, data).status_code == 302
        objection = proposed.objections.get()
        answer = reverse("tenders:objection_answer", args=[objection.pk])
        assert client.get(answer).status_code == 403
        client.force_login(purchaser)
        assert client.get(answer).status_code == 200
        assert client.post(answer, {"outcome": "rejected", "answer": ""}).status_code == 400
        data = {"outcome": "rejected", "answer": "经复核报价无误。"}
        assert client.post(answer, data).status_code == 302
    objection.refresh_from_db()
    assert objection.state == ObjectionState.REJECTED
    window = objection_services.award_selectors.objection_window(proposed)
    with clock.travel(window.at + timedelta(minutes=1)):
        client.force_login(user)
        late = client.post(url, {"organisation": org.pk, "text": "再议"})
    assert late.status_code == 409 and "质疑期已于" in late.content.decode()


def test_contract_countersign_and_supplement_over_http(client, awarded, purchaser, bidders):
    winner = bidders[0][1]
    with clock.travel(awarded.awarded_at + timedelta(hours=1)):
        client.force_login(purchaser)
        form = reverse("tenders:contract", args=[awarded.pk])
        data = {
            "amount": "150000",
            "start_date": "2026-05-01",
            "end_date": "2028-04-30",
            "service_standard": "每月探访 2 次",
        }
        refused = client.post(form, data)
        assert refused.status_code == 409 and "稳定持续" in refused.content.decode()
        assert client.post(form, {**data, "stable_service": "on"}).status_code == 302
        contract = awarded.contract if hasattr(awarded, "contract") else None
        awarded.refresh_from_db()
        contract = awarded.contract
        sign = reverse("tenders:countersign", args=[contract.pk])
        assert client.post(sign).status_code == 403
        client.force_login(winner)
        assert (
            "承接方签署合同"
            in client.get(reverse("tenders:detail", args=[awarded.pk])).content.decode()
        )
        assert client.post(sign).status_code == 302
        supplement = reverse("tenders:supplement", args=[contract.pk])
        assert client.get(supplement).status_code == 403
        client.force_login(purchaser)
        assert client.get(supplement).status_code == 200
        too_much = client.post(supplement, {"amount": "15000.01", "content": "扩大范围"})
        assert too_much.status_code == 409 and "10%" in too_much.content.decode()
        assert (
            client.post(supplement, {"amount": "15000", "content": "扩大范围"}).status_code == 302
        )
    contract.refresh_from_db()
    assert contract.countersigned_by == winner
    assert contract.supplements.count() == 1

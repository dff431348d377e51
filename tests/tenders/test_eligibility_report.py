"""合格性审查 before scoring; the panel report (PDF, confirmations) gates the award proposal;
the tender document PDF is public."""

from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace import clock
from marketplace.workflow import WorkflowError
from tenders import panel_report, selectors
from tenders.services import eligibility
from tenders.services import panel as panel_services
from tenders.services import tenders as services
from tests.support.pdf import pdf_text
from tests.tenders.conftest import score_all
from tests.tenders.factories import bidder, check_all, confirm_all, score_only


@pytest.fixture
def bidders(places):
    """Four bidders: one may fail the eligibility review and three valid bids remain."""
    return [bidder(f"投标社工机构{i}") for i in range(4)]


def test_scoring_waits_for_every_eligibility_check(evaluating, panel, later):
    seat = evaluating.panel.get(evaluator=panel[0])
    bid = evaluating.valid_bids().first()
    criterion = evaluating.criteria.first()
    with clock.travel(later):
        check_all(evaluating, panel[:4])
        with pytest.raises(WorkflowError, match="合格性审查"):
            panel_services.scores_submit(
                member=seat, user=panel[0], values={(bid.pk, criterion.pk): Decimal("5")}
            )


def test_failing_verdict_needs_a_reason(evaluating, panel, later):
    seat = evaluating.panel.get(evaluator=panel[0])
    verdicts = {b.pk: (True, "") for b in evaluating.valid_bids()}
    first = next(iter(verdicts))
    verdicts[first] = (False, "")
    with clock.travel(later), pytest.raises(WorkflowError, match="写明理由"):
        eligibility.eligibility_submit(member=seat, user=panel[0], verdicts=verdicts)
    verdicts.pop(first)
    with clock.travel(later), pytest.raises(WorkflowError, match="逐一"):
        eligibility.eligibility_submit(member=seat, user=panel[0], verdicts=verdicts)


def test_majority_fails_a_bid_out_of_the_ranking(evaluating, panel, later, bidders):
    cheapest = evaluating.valid_bids().get(organisation=bidders[0][0])
    with clock.travel(later):
        for n, person in enumerate(panel):
            seat = evaluating.panel.get(evaluator=person)
            verdicts = {b.pk: (True, "") for b in evaluating.valid_bids()}
            if n < 3:
                verdicts[cheapest.pk] = (False, "未提供社工资格证明")
            eligibility.eligibility_submit(member=seat, user=person, verdicts=verdicts)
        seat = evaluating.panel.get(evaluator=panel[0])
        criterion = evaluating.criteria.first()
        with pytest.raises(WorkflowError, match="合格投标"):
            panel_services.scores_submit(
                member=seat, user=panel[0], values={(cheapest.pk, criterion.pk): Decimal("5")}
            )
        score_only(evaluating, panel)
    ranking = selectors.ranking_for(evaluating)
    assert cheapest.pk not in [r.bid_id for r in ranking] and len(ranking) == 3
    # the price part counts from the lowest *qualified* price
    assert ranking[0].price_part == Decimal("20.00")


def test_award_needs_every_confirmation_and_a_change_makes_them_stale(
    evaluating, purchaser, panel, later
):
    with clock.travel(later):
        score_all(evaluating, panel)
        confirm_all(evaluating, panel[:4])
        with pytest.raises(WorkflowError, match="签字确认"):
            services.tender_propose_award(tender=evaluating, user=purchaser)
        confirm_all(evaluating, panel)
        # an evaluator changes a score: every confirmation must be given again
        seat = evaluating.panel.get(evaluator=panel[0])
        bid = evaluating.valid_bids().first()
        criterion = evaluating.criteria.first()
        panel_services.scores_submit(
            member=seat, user=panel[0], values={(bid.pk, criterion.pk): Decimal("1")}
        )
        with pytest.raises(WorkflowError, match="签字确认"):
            services.tender_propose_award(tender=evaluating, user=purchaser)
        confirm_all(evaluating, panel)
        assert services.tender_propose_award(tender=evaluating, user=purchaser).winning_bid


def test_confirming_before_scores_are_complete_refused(evaluating, panel, later):
    with clock.travel(later), pytest.raises(WorkflowError, match="评分尚未全部完成"):
        panel_services.report_confirm(
            member=evaluating.panel.get(evaluator=panel[0]), user=panel[0]
        )


def get_pdf(client, kind, pk, capture):
    url = reverse("document", args=[kind, pk])
    with capture(execute=True):
        client.get(url)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return pdf_text(b"".join(response.streaming_content))


def test_panel_report_pdf(
    client, evaluating, purchaser, panel, later, bidders, django_capture_on_commit_callbacks
):
    from tests.tenders.factories import evaluator

    with clock.travel(later):
        score_all(evaluating, panel)
        confirm_all(evaluating, panel[:2])
    client.force_login(purchaser)
    text = get_pdf(client, "panel_report", evaluating.pk, django_capture_on_commit_callbacks)
    assert "评标报告" in text and "合格性审查" in text and "评分明细" in text
    assert all(org.name in text for org, _u in bidders)
    assert panel[4].display_name in text and "签字确认" in text and "待确认" in text
    assert "服务方案" in text  # every criterion, per evaluator
    digest = panel_report.report_digest(evaluating)
    assert digest[:20] in text.replace("\n", "")
    client.force_login(evaluator(77))
    assert client.get(reverse("document", args=["panel_report", evaluating.pk])).status_code == 403


def test_report_confirmed_through_the_page(client, evaluating, panel, later):
    with clock.travel(later):
        score_all(evaluating, panel)
        client.force_login(panel[0])
        page = client.get(reverse("tenders:detail", args=[evaluating.pk])).content.decode()
        assert "签字确认评标报告" in page
        response = client.post(reverse("tenders:report_confirm", args=[evaluating.pk]))
        assert response.status_code == 302
        page = client.get(reverse("tenders:detail", args=[evaluating.pk])).content.decode()
        assert "您已签字确认评标报告" in page
        client.force_login(panel[0])
    seat = evaluating.panel.get(evaluator=panel[0])
    assert seat.report_digest == panel_report.report_digest(evaluating)


def test_tender_document_pdf_is_public(client, tender, django_capture_on_commit_callbacks):
    page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert reverse("document", args=["tender_document", tender.pk]) in page
    text = get_pdf(client, "tender_document", tender.pk, django_capture_on_commit_callbacks)
    for fragment in (
        "政府购买服务采购文件",
        "公开招标",
        "最高限价",
        "资格要求",
        "服务方案",
        "价格分",
        "投标文件组成",
        "投标截止",
    ):
        assert fragment in text, fragment
    assert "200000" in text


def test_draft_tender_document_hidden(client, purchaser, outsider, places):
    from tests.tenders.factories import approved_project, draft_tender

    draft = draft_tender(approved_project(), purchaser)
    client.force_login(outsider)
    assert client.get(reverse("document", args=["tender_document", draft.pk])).status_code == 403

"""流标 after 合格性审查: fewer qualified bids than the method needs fails the tender, as an
opening with too few bids does (recorded reason, 流标公告, re-tender); scoring is refused."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace import clock
from marketplace.models import Notification, ProjectState
from marketplace.selectors import timeline_for
from marketplace.workflow import WorkflowError
from tenders.models import EligibilityCheck, TenderState
from tenders.services import eligibility
from tenders.services import panel as panel_services
from tenders.services import tenders as services
from tenders.services.retender import tender_retender
from tests.tenders.factories import (
    check_all,
    declare_none,
    evaluator,
    published_tender,
    submit,
)

REASON = "资格审查后有效投标不足3家"


def failed_record(tender):
    (record,) = [r for r in timeline_for(tender) if r.target == TenderState.FAILED]
    return record


def fail_bids(tender, panel, failing, *, members=None):
    """Each of `members` (default: the whole panel) fails the bids of `failing` organisations."""
    for person in panel if members is None else members:
        seat = tender.panel.get(evaluator=person)
        verdicts = {
            b.pk: (False, "未提供社工资格证明") if b.organisation in failing else (True, "")
            for b in tender.valid_bids().select_related("organisation")
        }
        eligibility.eligibility_submit(member=seat, user=person, verdicts=verdicts)


def test_last_verdict_fails_the_tender_with_the_reason(
    evaluating, panel, bidders, purchaser, later, site, django_capture_on_commit_callbacks
):
    from cms.models import NoticeKind, NoticePage

    with clock.travel(later), django_capture_on_commit_callbacks(execute=True):
        fail_bids(evaluating, panel, [bidders[0][0]], members=panel[:4])
        evaluating.refresh_from_db()
        assert evaluating.state == TenderState.EVALUATING  # one member still to check
        fail_bids(evaluating, panel, [bidders[0][0]], members=panel[4:])
    evaluating.refresh_from_db()
    assert evaluating.state == TenderState.FAILED
    assert evaluating.project.state == ProjectState.APPROVED  # free for a new tender
    record = failed_record(evaluating)
    assert record.by is None
    assert REASON in record.reason and "合格投标 2 家" in record.reason
    note = Notification.objects.get(user=purchaser, key=f"tender-failed-{evaluating.pk}")
    assert REASON in note.body
    bidder_user = bidders[1][1]
    assert Notification.objects.filter(user=bidder_user, key=f"tender-failed-{evaluating.pk}")
    # the same 流标公告 as at an opening with too few bids
    assert NoticePage.objects.filter(kind=NoticeKind.FAILED).count() == 1
    # the purchaser sees why on the tender page, and may tender again
    from django.test import Client

    client = Client()
    client.force_login(purchaser)
    page = client.get(reverse("tenders:detail", args=[evaluating.pk])).content.decode()
    assert REASON in page and reverse("tenders:retender", args=[evaluating.pk]) in page
    new = tender_retender(
        tender=evaluating,
        user=purchaser,
        method="open",
        deadline=clock.now() + timedelta(days=25),
    )
    assert new.previous == evaluating and new.state == TenderState.DRAFT


def test_scoring_refused_once_failed(evaluating, panel, bidders, later):
    with clock.travel(later):
        fail_bids(evaluating, panel, [bidders[0][0]])
        seat = evaluating.panel.get(evaluator=panel[0])
        bid = evaluating.valid_bids().get(organisation=bidders[1][0])
        criterion = evaluating.criteria.first()
        with pytest.raises(WorkflowError, match="已经结束"):
            panel_services.scores_submit(
                member=seat, user=panel[0], values={(bid.pk, criterion.pk): Decimal("5")}
            )
        with pytest.raises(WorkflowError):
            check_all(evaluating, panel[:1])
    assert not seat.scores.exists()


def test_enough_qualified_bids_go_on(evaluating, panel, later):
    with clock.travel(later):
        check_all(evaluating, panel)
    evaluating.refresh_from_db()
    assert evaluating.state == TenderState.EVALUATING


def test_a_minority_verdict_does_not_fail_the_tender(evaluating, panel, bidders, later):
    with clock.travel(later):
        fail_bids(evaluating, panel, [bidders[0][0]], members=panel[:2])
        check_all(evaluating, panel[2:])
    evaluating.refresh_from_db()
    assert evaluating.state == TenderState.EVALUATING


@pytest.fixture
def consultation(purchaser, bidders):
    """竞争性磋商 for services: three bids, a panel of three, evaluation started."""
    tender = published_tender(purchaser, method="consultation", days=11)
    for i, (org, user) in enumerate(bidders):
        submit(tender, org, user, price=str(150000 + 10000 * i))
    members = [evaluator(10 + i) for i in range(3)]
    with clock.travel(tender.deadline + timedelta(minutes=5)):
        tender = services.tender_open(tender_id=tender.pk)
        panel_services.panel_appoint(tender=tender, user=purchaser, evaluators=members)
        for person in members:
            declare_none(tender, person)
        tender = services.tender_start_evaluation(tender=tender, user=purchaser)
    return tender, members


def test_consultation_goes_on_with_two_and_ends_with_one(consultation, bidders):
    tender, members = consultation
    assert tender.min_valid_bids == 2
    with clock.travel(tender.deadline + timedelta(minutes=10)):
        fail_bids(tender, members, [bidders[0][0]])
        tender.refresh_from_db()
        assert tender.state == TenderState.EVALUATING  # two qualified: it may go on
        # two members revise their verdicts: the second revision leaves one qualified bid
        fail_bids(tender, members, [bidders[0][0], bidders[1][0]], members=members[:2])
    tender.refresh_from_db()
    assert tender.state == TenderState.FAILED
    assert "资格审查后有效投标不足2家" in failed_record(tender).reason


def _checks_without_the_service(tender, panel, failing):
    """Verdicts recorded directly (as when a member's exclusion completes the review)."""
    for person in panel:
        seat = tender.panel.get(evaluator=person)
        for bid in tender.valid_bids():
            EligibilityCheck.objects.create(
                member=seat, bid=bid, passed=bid.organisation not in failing, note="x"
            )


def test_purchaser_fails_the_tender_from_its_page(
    client, evaluating, panel, bidders, purchaser, later
):
    url = reverse("tenders:fail_after_review", args=[evaluating.pk])
    client.force_login(purchaser)
    with clock.travel(later):
        assert client.post(url).status_code == 409  # the review is not complete
        _checks_without_the_service(evaluating, panel, [bidders[0][0]])
        page = client.get(reverse("tenders:detail", args=[evaluating.pk])).content.decode()
        assert url in page and REASON in page
        assert client.post(url).status_code == 302
    evaluating.refresh_from_db()
    assert evaluating.state == TenderState.FAILED
    record = failed_record(evaluating)
    assert record.by == purchaser and REASON in record.reason


def test_purchaser_cannot_fail_a_tender_with_enough_qualified_bids(
    client, evaluating, panel, purchaser, later
):
    url = reverse("tenders:fail_after_review", args=[evaluating.pk])
    client.force_login(purchaser)
    with clock.travel(later):
        _checks_without_the_service(evaluating, panel, [])
        page = client.get(reverse("tenders:detail", args=[evaluating.pk])).content.decode()
        assert url not in page
        assert client.post(url).status_code == 409
    evaluating.refresh_from_db()
    assert evaluating.state == TenderState.EVALUATING


def test_only_the_purchaser_may_fail_the_tender(
    client, evaluating, panel, bidders, outsider, later
):
    with clock.travel(later):
        _checks_without_the_service(evaluating, panel, [bidders[0][0]])
        with pytest.raises(PermissionDenied):
            eligibility.tender_fail_after_review(tender=evaluating, actor=panel[0])
        client.force_login(outsider)
        url = reverse("tenders:fail_after_review", args=[evaluating.pk])
        assert client.post(url).status_code == 403
    evaluating.refresh_from_db()
    assert evaluating.state == TenderState.EVALUATING


def test_opened_tender_cannot_fail_after_review(opened, purchaser, later):
    with clock.travel(later), pytest.raises(WorkflowError, match="不能执行此操作"):
        eligibility.tender_fail_after_review(tender=opened, actor=purchaser)

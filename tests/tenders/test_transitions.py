"""Every tender transition: allowed, wrong state, failed condition, missing permission."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from marketplace import clock
from marketplace.models import ProjectState, TransitionRecord
from marketplace.workflow import WorkflowError
from tenders.models import BidState, ContractState, TenderState
from tenders.services import panel as panel_services
from tenders.services import tenders as services
from tests.tenders.conftest import score_all
from tests.tenders.factories import approved_project, check_all, draft_tender, submit


@pytest.fixture
def project(places):
    return approved_project()


@pytest.fixture
def draft(project, purchaser):
    return draft_tender(project, purchaser)


# publish
def test_publish_moves_tender_and_project(draft, purchaser):
    tender = services.tender_publish(tender=draft, user=purchaser)
    assert tender.state == TenderState.PUBLISHED
    assert tender.published_at is not None
    assert tender.project.state == ProjectState.TENDERING


def test_publish_wrong_state(draft, purchaser):
    services.tender_publish(tender=draft, user=purchaser)
    with pytest.raises(WorkflowError, match="当前状态"):
        services.tender_publish(tender=draft, user=purchaser)


@pytest.mark.parametrize("who", ["purchaser_elsewhere", "staff", "outsider", "superuser"])
def test_publish_needs_the_projects_purchaser(draft, who, request):
    with pytest.raises(PermissionDenied):
        services.tender_publish(tender=draft, user=request.getfixturevalue(who))
    draft.refresh_from_db()
    assert draft.state == TenderState.DRAFT


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"days": 19}, "法定最短期限"),
        (
            {
                "price_weight": Decimal("35"),
                "criteria": [{"name": "方案", "weight": Decimal("65")}],
            },
            "10%–30%",
        ),
        (
            {
                "price_weight": Decimal("20"),
                "criteria": [{"name": "方案", "weight": Decimal("70")}],
            },
            "合计须为 100",
        ),
        ({"ceiling": Decimal("200000.01")}, "批准预算"),
        ({"method": "consultation", "days": 9}, "法定最短期限"),
    ],
)
def test_publish_conditions(project, purchaser, kwargs, message):
    tender = draft_tender(project, purchaser, **kwargs)
    with pytest.raises(WorkflowError, match=message):
        services.tender_publish(tender=tender, user=purchaser)
    project.refresh_from_db()
    assert project.state == ProjectState.APPROVED


def test_consultation_may_be_published_after_ten_days(project, purchaser):
    tender = draft_tender(project, purchaser, method="consultation", days=10.01)
    assert services.tender_publish(tender=tender, user=purchaser).state == TenderState.PUBLISHED
    assert tender.min_valid_bids == 2


# open (SYSTEM) and fail
def test_open_before_deadline_does_nothing(tender):
    assert services.tender_open(tender_id=tender.pk) is None
    tender.refresh_from_db()
    assert tender.state == TenderState.PUBLISHED and tender.is_sealed


def test_open_after_deadline_validates_bids(opened):
    assert opened.state == TenderState.OPENED
    assert opened.valid_bids().count() == 3


def test_open_is_idempotent(opened, later):
    with clock.travel(later):
        assert services.tender_open(tender_id=opened.pk) is None
    assert TransitionRecord.objects.filter(object_id=opened.pk, transition="open").count() == 1


def test_open_wrong_state_via_transition(tender, later):
    services_tender = tender
    with clock.travel(later):
        services.tender_open(tender_id=services_tender.pk)
        from marketplace.workflow import SYSTEM, apply_transition

        with pytest.raises(WorkflowError, match="当前状态"):
            apply_transition(services_tender, "open", actor=SYSTEM)


def test_nobody_may_open_by_hand(tender, purchaser, later):
    from marketplace.workflow import apply_transition

    with clock.travel(later), pytest.raises(PermissionDenied):
        apply_transition(tender, "open", actor=purchaser)


def test_too_few_bids_fails_and_reopens_project(tender, bidders, later):
    org, user = bidders[0]
    submit(tender, org, user)
    with clock.travel(later):
        failed = services.tender_open(tender_id=tender.pk)
    assert failed.state == TenderState.FAILED
    assert failed.project.state == ProjectState.APPROVED
    assert TransitionRecord.objects.filter(object_id=tender.pk, transition="fail").count() == 1


def test_bid_above_ceiling_or_bad_credit_is_invalid_at_opening(tender, bidders, later):
    for org, user in bidders:
        submit(tender, org, user)
    org = bidders[0][0]
    org.bad_credit = True
    org.save()
    with clock.travel(later):
        result = services.tender_open(tender_id=tender.pk)
    assert result.state == TenderState.FAILED
    assert result.bids.filter(state=BidState.INVALID).count() == 1


def test_fail_condition_refuses_with_enough_bids(opened):
    from marketplace.workflow import SYSTEM, apply_transition

    with pytest.raises(WorkflowError, match="不能流标"):
        apply_transition(opened, "fail", actor=SYSTEM)


# start_evaluation
def test_start_evaluation_allowed(evaluating):
    assert evaluating.state == TenderState.EVALUATING


def test_start_evaluation_wrong_state(tender, purchaser):
    with pytest.raises(WorkflowError, match="当前状态"):
        services.tender_start_evaluation(tender=tender, user=purchaser)


def test_start_evaluation_needs_permission(opened, outsider):
    with pytest.raises(PermissionDenied):
        services.tender_start_evaluation(tender=opened, user=outsider)


def test_undeclared_member_blocks_evaluation(opened, purchaser, panel, later):
    with clock.travel(later):
        panel_services.panel_appoint(tender=opened, user=purchaser, evaluators=panel)
        with pytest.raises(WorkflowError, match="声明"):
            services.tender_start_evaluation(tender=opened, user=purchaser)


# propose_award
def test_propose_award_picks_top_ranked(proposed, bidders):
    assert proposed.state == TenderState.AWARD_PROPOSED
    # equal technical scores: the lowest price wins
    assert proposed.winning_bid.organisation == bidders[0][0]
    assert proposed.publicity_ends_at > proposed.opened_at


def test_propose_award_needs_every_score(evaluating, purchaser, panel, later):
    with clock.travel(later):
        check_all(evaluating, panel)
        score_all(evaluating, panel[:2])
        with pytest.raises(WorkflowError, match="打分"):
            services.tender_propose_award(tender=evaluating, user=purchaser)


def test_propose_award_wrong_state(opened, purchaser):
    with pytest.raises(WorkflowError, match="当前状态"):
        services.tender_propose_award(tender=opened, user=purchaser)


def test_propose_award_needs_permission(evaluating, panel, purchaser_elsewhere, later):
    with clock.travel(later):
        score_all(evaluating, panel)
        with pytest.raises(PermissionDenied):
            services.tender_propose_award(tender=evaluating, user=purchaser_elsewhere)


# award (SYSTEM, at the end of publicity)
def test_award_waits_for_publicity(proposed):
    with clock.travel(proposed.publicity_ends_at - timedelta(minutes=1)):
        assert services.tender_award(tender_id=proposed.pk) is None
    from marketplace.workflow import SYSTEM, apply_transition

    with pytest.raises(WorkflowError, match="公示期"):
        apply_transition(proposed, "award", actor=SYSTEM)


def test_award_after_publicity_and_idempotent(awarded):
    assert awarded.state == TenderState.AWARDED
    with clock.travel(awarded.publicity_ends_at + timedelta(minutes=2)):
        assert services.tender_award(tender_id=awarded.pk) is None


def test_award_by_hand_refused(proposed, purchaser):
    from marketplace.workflow import apply_transition

    with (
        clock.travel(proposed.publicity_ends_at + timedelta(minutes=1)),
        pytest.raises(PermissionDenied),
    ):
        apply_transition(proposed, "award", actor=purchaser)


# contract_sign
def _sign(tender, user, amount=None):
    return services.contract_sign(
        tender=tender,
        user=user,
        amount=amount or tender.winning_bid.price,
        start_date=date(2027, 3, 1),
        end_date=date(2028, 2, 28),
        service_standard="每月上门探访不少于 2 次",
    )


def test_contract_sign(awarded, purchaser, bidders):
    contract = _sign(awarded, purchaser)
    assert contract.state == ContractState.SIGNED and contract.signed_at
    awarded.refresh_from_db()
    assert awarded.state == TenderState.CONTRACTED
    assert awarded.project.state == ProjectState.CONTRACTED
    assert awarded.project.organisation == bidders[0][0]


def test_contract_above_winning_price_refused(awarded, purchaser):
    with pytest.raises(WorkflowError, match="中标价"):
        _sign(awarded, purchaser, amount=awarded.winning_bid.price + 1)
    awarded.refresh_from_db()
    assert awarded.state == TenderState.AWARDED


def test_contract_wrong_state(proposed, purchaser):
    with pytest.raises(WorkflowError, match="当前状态"):
        _sign(proposed, purchaser)


def test_contract_needs_permission(awarded, outsider):
    with pytest.raises(PermissionDenied):
        _sign(awarded, outsider)


# cancel
def test_cancel_reopens_project(tender, purchaser):
    cancelled = services.tender_cancel(tender=tender, user=purchaser, reason="需求变化")
    assert cancelled.state == TenderState.CANCELLED
    assert cancelled.project.state == ProjectState.APPROVED


def test_cancel_needs_reason_and_permission(tender, purchaser, outsider):
    with pytest.raises(WorkflowError):
        services.tender_cancel(tender=tender, user=purchaser, reason=" ")
    with pytest.raises(PermissionDenied):
        services.tender_cancel(tender=tender, user=outsider, reason="x")


def test_cancel_wrong_state(awarded, purchaser):
    with pytest.raises(WorkflowError, match="当前状态"):
        services.tender_cancel(tender=awarded, user=purchaser, reason="x")


def test_working_day_method_in_unannounced_year_says_so(project, purchaser):
    from datetime import datetime

    from django.utils import timezone

    with clock.travel(timezone.make_aware(datetime(2026, 12, 29, 10, 0))):
        tender = draft_tender(project, purchaser, method="negotiation", days=10)
        with pytest.raises(WorkflowError, match="2027 年"):
            services.tender_publish(tender=tender, user=purchaser)

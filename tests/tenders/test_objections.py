"""质疑: filed within 7 working days after publicity, answered, blocking the contract while open."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from marketplace import clock
from marketplace.models import Notification
from marketplace.selectors import timeline_for
from marketplace.workflow import SYSTEM, WorkflowError, apply_transition
from tenders.models import ContractState, ObjectionState, TenderState
from tenders.services import objections as services
from tenders.services import tenders as tender_services

pytestmark = pytest.mark.usefixtures("march")

# publicity of the `proposed` fixture ends Thu 26 Mar 2026 09:05; 7 working days later,
# across 清明 (4–6 Apr), the window closes at the end of Tue 7 Apr.
LAST_DAY = timezone.make_aware(datetime(2026, 4, 7, 23, 0))
TOO_LATE = timezone.make_aware(datetime(2026, 4, 8, 0, 1))


@pytest.fixture
def proposed_now(proposed):
    """The clock an hour into the publicity period (the fixtures ran at other times)."""
    with clock.travel(proposed.award_proposed_at + timedelta(hours=1)):
        yield proposed


@pytest.fixture
def awarded_now(awarded):
    with clock.travel(awarded.awarded_at + timedelta(hours=1)):
        yield awarded


@pytest.fixture
def loser(bidders):
    return bidders[1]  # second-ranked (higher price, same technical scores)


def _file(tender, who, text="评分不公：我方方案得分偏低。", **kw):
    org, user = who
    return services.objection_file(tender=tender, organisation=org, user=user, text=text, **kw)


def _sign(tender, user, **kw):
    defaults = dict(
        amount=tender.winning_bid.price,
        start_date=date(2026, 5, 1),
        end_date=date(2027, 4, 30),
        service_standard="每月探访 2 次",
    )
    return tender_services.contract_sign(tender=tender, user=user, **{**defaults, **kw})


def test_file_during_publicity_and_purchaser_is_told(
    proposed_now, loser, purchaser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        objection = _file(proposed_now, loser)
    assert objection.state == ObjectionState.FILED and objection.may_change_result
    assert Notification.objects.filter(user=purchaser, key=f"objection-{objection.pk}").exists()


def test_file_on_the_last_day_allowed_after_it_refused(awarded_now, loser):
    with clock.travel(LAST_DAY):
        assert _file(awarded_now, loser).pk
    with clock.travel(TOO_LATE), pytest.raises(WorkflowError, match="质疑期已于 2026-04-07"):
        _file(awarded_now, loser, text="又一项")
    assert awarded_now.objections.count() == 1


def test_no_objection_before_the_award_is_proposed(evaluating, loser):
    with pytest.raises(WorkflowError, match="公示后"):
        _file(evaluating, loser)


@pytest.mark.parametrize("who", ["org_admin", "outsider", "purchaser"])
def test_only_a_bidder_may_object(proposed_now, organisation, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.objection_file(tender=proposed_now, organisation=organisation, user=user, text="x")
    assert not proposed_now.objections.exists()


def test_empty_objection_refused(proposed_now, loser):
    with pytest.raises(WorkflowError) as refused:
        _file(proposed_now, loser, text=" ")
    assert refused.value.status == 400


def test_answer_reject_records_and_tells_the_objector(
    proposed_now, loser, purchaser, django_capture_on_commit_callbacks
):
    objection = _file(proposed_now, loser)
    with django_capture_on_commit_callbacks(execute=True):
        objection = services.objection_answer(
            objection=objection, user=purchaser, answer="经复核，评分符合评分细则。", upheld=False
        )
    assert objection.state == ObjectionState.REJECTED and objection.answered_at
    (record,) = timeline_for(objection)
    assert (record.by, record.source, record.target) == (purchaser, "filed", "rejected")
    assert Notification.objects.filter(
        user=loser[1], key=f"objection-answered-{objection.pk}"
    ).exists()


def test_answer_needs_text_and_the_purchaser(proposed_now, loser, purchaser, purchaser_elsewhere):
    objection = _file(proposed_now, loser)
    with pytest.raises(WorkflowError, match="书面答复"):
        services.objection_answer(objection=objection, user=purchaser, answer="", upheld=False)
    for person in (purchaser_elsewhere, loser[1]):
        with pytest.raises(PermissionDenied):
            services.objection_answer(objection=objection, user=person, answer="x", upheld=True)
    objection.refresh_from_db()
    assert objection.state == ObjectionState.FILED


def test_withdraw_by_the_objector_only(proposed_now, loser, purchaser):
    objection = _file(proposed_now, loser)
    with pytest.raises(PermissionDenied):
        services.objection_withdraw(objection=objection, user=purchaser)
    assert services.objection_withdraw(objection=objection, user=loser[1]).state == "withdrawn"
    with pytest.raises(WorkflowError, match="当前状态"):
        services.objection_answer(objection=objection, user=purchaser, answer="x", upheld=False)


def test_open_objection_holds_the_award_and_blocks_the_contract(proposed_now, loser, purchaser):
    objection = _file(proposed_now, loser)
    after = proposed_now.publicity_ends_at + timedelta(minutes=1)
    with clock.travel(after):
        assert tender_services.tender_award(tender_id=proposed_now.pk) is None
        with pytest.raises(WorkflowError, match="质疑"):
            apply_transition(proposed_now, "award", actor=SYSTEM)
        services.objection_answer(
            objection=objection, user=purchaser, answer="不成立", upheld=False
        )
        assert tender_services.tender_award(tender_id=proposed_now.pk).state == TenderState.AWARDED


def test_contract_refused_while_an_objection_is_open(awarded_now, loser, purchaser):
    objection = _file(awarded_now, loser)
    with pytest.raises(WorkflowError, match="质疑未答复"):
        _sign(awarded_now, purchaser)
    awarded_now.refresh_from_db()
    assert awarded_now.state == TenderState.AWARDED and not hasattr(awarded_now, "contract")
    services.objection_answer(objection=objection, user=purchaser, answer="不成立", upheld=False)
    assert _sign(awarded_now, purchaser).state == ContractState.SIGNED


def test_objection_that_cannot_change_the_result_does_not_block(awarded_now, loser, purchaser):
    _file(awarded_now, loser, may_change_result=False)
    assert _sign(awarded_now, purchaser).state == ContractState.SIGNED


def test_upheld_objection_blocks_until_the_award_is_proposed_again(
    awarded_now, loser, purchaser, bidders
):
    objection = _file(awarded_now, loser)
    services.objection_answer(objection=objection, user=purchaser, answer="成立", upheld=True)
    with pytest.raises(WorkflowError, match="已成立"):
        _sign(awarded_now, purchaser)
    with pytest.raises(WorkflowError) as no_reason:
        tender_services.tender_reopen_award(tender=awarded_now, user=purchaser, reason="")
    assert no_reason.value.status == 400
    tender = tender_services.tender_reopen_award(
        tender=awarded_now, user=purchaser, reason="质疑成立，重新确定中标人"
    )
    assert tender.state == TenderState.EVALUATING and tender.winning_bid is None
    # another bid than the first-ranked, with the recorded reason
    second = awarded_now.bids.get(organisation=loser[0])
    tender = tender_services.tender_propose_award(
        tender=tender, user=purchaser, bid_id=second.pk, reason="第一名资格证明材料不实（质疑成立）"
    )
    assert tender.winning_bid == second
    with clock.travel(tender.publicity_ends_at + timedelta(minutes=1)):
        tender = tender_services.tender_award(tender_id=tender.pk)
    assert _sign(tender, purchaser).organisation == loser[0]


def test_reopen_refused_without_an_upheld_objection(awarded_now, loser, purchaser, outsider):
    with pytest.raises(WorkflowError, match="没有成立"):
        tender_services.tender_reopen_award(tender=awarded_now, user=purchaser, reason="想换人")
    objection = _file(awarded_now, loser)
    services.objection_answer(objection=objection, user=purchaser, answer="成立", upheld=True)
    with pytest.raises(PermissionDenied):
        tender_services.tender_reopen_award(tender=awarded_now, user=outsider, reason="x")

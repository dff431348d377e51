"""Award timing: the end of scoring, the choice of winner, publicity, the timetable, reminders."""

from datetime import timedelta

import pytest
from django.urls import reverse

from marketplace import clock, scheduling
from marketplace.models import Notification
from marketplace.selectors import timeline_for
from marketplace.workflow import WorkflowError
from tenders import award_selectors
from tenders.reminders import remind_overdue_duties
from tenders.services import objections as objection_services
from tenders.services import tenders as services
from tests.tenders.conftest import score_all
from tests.tenders.factories import check_all, confirm_all, score_only

pytestmark = pytest.mark.usefixtures("march")


def test_scoring_complete_is_noted(evaluating, panel, later):
    with clock.travel(later):
        check_all(evaluating, panel)  # every member checks eligibility before anyone scores
        score_only(evaluating, panel[:2])
        evaluating.refresh_from_db()
        assert evaluating.scored_at is None
        score_only(evaluating, panel[2:])
    evaluating.refresh_from_db()
    assert abs(evaluating.scored_at - later) < timedelta(minutes=1)


@pytest.fixture
def scored(evaluating, panel, later):
    with clock.travel(later):
        score_all(evaluating, panel)
        confirm_all(evaluating, panel)  # the panel report is signed by every member
    evaluating.refresh_from_db()
    return evaluating


def test_another_than_the_top_needs_a_reason(scored, purchaser, bidders, later):
    second = scored.bids.get(organisation=bidders[1][0])
    with clock.travel(later):
        with pytest.raises(WorkflowError, match="须书面说明理由") as refused:
            services.tender_propose_award(tender=scored, user=purchaser, bid_id=second.pk)
        assert refused.value.status == 400
        tender = services.tender_propose_award(
            tender=scored, user=purchaser, bid_id=second.pk, reason="第一名承诺的团队无持证社工"
        )
    assert tender.winning_bid == second
    record = [r for r in timeline_for(tender) if r.transition == "propose_award"][0]
    assert record.reason == "第一名承诺的团队无持证社工" and record.by == purchaser


def test_only_valid_bids_may_be_proposed(scored, purchaser, later):
    with clock.travel(later), pytest.raises(WorkflowError, match="有效投标"):
        services.tender_propose_award(tender=scored, user=purchaser, bid_id=999999, reason="x")


def test_publicity_lasts_at_least_one_working_day(scored, purchaser, settings):
    settings.TENDER_PUBLICITY_DAYS = 1
    friday = scored.scored_at + timedelta(days=4)  # Fri 27 Mar 2026
    with clock.travel(friday):
        tender = services.tender_propose_award(tender=scored, user=purchaser)
    assert tender.publicity_ends_at - friday >= timedelta(days=3)  # to Monday, same time


def _duty(rows, start):
    return next(r for r in rows if r.label.startswith(start))


def test_timetable_shows_and_flags_the_award_duty(scored, purchaser, client):
    rows = award_selectors.timetable(scored)
    duty = _duty(rows, "确定中标候选人")
    assert f"{duty.due.at:%Y-%m-%d}" == "2026-03-30" and not duty.overdue
    with clock.travel(duty.due.at + timedelta(minutes=1)):
        assert _duty(award_selectors.timetable(scored), "确定中标候选人").overdue
        client.force_login(purchaser)
        page = client.get(reverse("tenders:detail", args=[scored.pk])).content.decode()
    assert "法定时限" in page and "2026-03-30" in page and "已逾期" in page


def test_timetable_is_for_the_purchaser_only(scored, client, bidders):
    client.force_login(bidders[0][1])
    page = client.get(reverse("tenders:detail", args=[scored.pk])).content.decode()
    assert "法定时限" not in page


def test_overdue_award_reminded_once(scored, purchaser, django_capture_on_commit_callbacks):
    due = award_selectors.timetable(scored)[0].due.at
    with clock.travel(due - timedelta(hours=1)):
        assert remind_overdue_duties() == 0
    for _ in range(2):
        with (
            clock.travel(due + timedelta(hours=1)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            scheduling.run_all()
    notes = Notification.objects.filter(user=purchaser, title__startswith="确定中标候选人已逾期")
    assert notes.count() == 1


def test_overdue_objection_answer_reminded_once(
    proposed, bidders, purchaser, django_capture_on_commit_callbacks
):
    with clock.travel(proposed.award_proposed_at + timedelta(hours=1)):
        objection = objection_services.objection_file(
            tender=proposed, organisation=bidders[1][0], user=bidders[1][1], text="评分有误"
        )
    due = award_selectors.timetable(proposed, [objection])[-1].due.at
    for _ in range(3):
        with (
            clock.travel(due + timedelta(hours=1)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            scheduling.run_all()
    assert (
        Notification.objects.filter(user=purchaser, key=f"objection-overdue-{objection.pk}").count()
        == 1
    )


def test_overdue_contract_reminded_once(awarded, purchaser, django_capture_on_commit_callbacks):
    for _ in range(2):
        with (
            clock.travel(awarded.awarded_at + timedelta(days=40)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            scheduling.run_all()
    assert (
        Notification.objects.filter(user=purchaser, title__startswith="合同签订已逾期").count() == 1
    )

"""The overdue-duty step reports the reminders it newly sent, not the duties still overdue."""

from datetime import timedelta

import pytest

from marketplace import clock, scheduling
from marketplace.models import Notification
from tenders import award_selectors
from tenders.reminders import remind_overdue_duties
from tenders.services import objections as objection_services
from tests.tenders.conftest import score_all
from tests.tenders.factories import confirm_all

pytestmark = pytest.mark.usefixtures("march")


@pytest.fixture
def scored(evaluating, panel, later):
    with clock.travel(later):
        score_all(evaluating, panel)
        confirm_all(evaluating, panel)
    evaluating.refresh_from_db()
    return evaluating


def run(at, capture) -> dict[str, int]:
    with clock.travel(at), capture(execute=True):
        return scheduling.run_all()


def test_second_pass_reports_nothing_new(scored, purchaser, django_capture_on_commit_callbacks):
    due = award_selectors.timetable(scored)[0].due.at
    told = award_selectors.purchasers_of(scored)
    assert purchaser in told
    first = run(due + timedelta(hours=1), django_capture_on_commit_callbacks)
    assert first["tenders.award_duties"] == len(told)
    again = run(due + timedelta(hours=2), django_capture_on_commit_callbacks)
    assert again["tenders.award_duties"] == 0
    assert Notification.objects.filter(
        key__startswith=f"award-overdue-{scored.pk}-"
    ).count() == len(told)


def test_nothing_overdue_nothing_sent(scored):
    due = award_selectors.timetable(scored)[0].due.at
    with clock.travel(due - timedelta(hours=1)):
        assert remind_overdue_duties() == 0
    assert not Notification.objects.filter(key__startswith="award-overdue-").exists()


def test_a_new_overdue_duty_counts_alone(
    proposed, bidders, purchaser, django_capture_on_commit_callbacks
):
    """An objection's answer falls overdue: only its reminders count on that pass."""
    with clock.travel(proposed.award_proposed_at + timedelta(hours=1)):
        first = objection_services.objection_file(
            tender=proposed, organisation=bidders[1][0], user=bidders[1][1], text="评分有误"
        )
    due = award_selectors.timetable(proposed, [first])[-1].due.at
    told = len(award_selectors.purchasers_of(proposed))
    assert (
        run(due + timedelta(hours=1), django_capture_on_commit_callbacks)["tenders.award_duties"]
        == told
    )
    with clock.travel(due + timedelta(hours=2)):
        second = objection_services.objection_file(
            tender=proposed, organisation=bidders[2][0], user=bidders[2][1], text="价格分有误"
        )
    second_due = award_selectors.timetable(proposed, [second])[-1].due.at
    assert (
        run(second_due + timedelta(hours=1), django_capture_on_commit_callbacks)[
            "tenders.award_duties"
        ]
        == told
    )  # the first objection's reminder is not counted again
    assert (
        run(second_due + timedelta(hours=2), django_capture_on_commit_callbacks)[
            "tenders.award_duties"
        ]
        == 0
    )

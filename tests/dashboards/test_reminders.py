"""Reminders: sent before each due date to the right people, once per item and date."""

from datetime import timedelta

import pytest

from evaluations import reminders as evaluation_reminders
from evaluations.models import DeliveryState, Evaluation
from marketplace import clock, scheduling
from marketplace.models import Notification
from needs import reminders as need_reminders
from tenders import due_reminders as tender_reminders
from tenders.models import PanelMember, TenderState
from tests.marketplace.factories import force_state
from tests.needs.factories import NeedFactory
from tests.tenders.factories import bidder, published_tender, submit

pytestmark = pytest.mark.django_db


def keys(user, prefix):
    return list(
        Notification.objects.filter(user=user, key__startswith=prefix).values_list("key", flat=True)
    )


def run_twice(step, capture):
    """Runs a step twice: the first pass reports the reminders it sent, the second none."""
    before = Notification.objects.count()
    with capture(execute=True):
        first = step()
    assert first == Notification.objects.count() - before
    with capture(execute=True):
        assert step() == 0


def test_staff_reminded_once_of_needs_waiting_too_long(
    staff, staff_b, resident, django_capture_on_commit_callbacks
):
    old = NeedFactory(author=resident, created_at=clock.now() - timedelta(days=8))
    NeedFactory(author=resident, created_at=clock.now() - timedelta(days=2))  # not yet
    run_twice(need_reminders.remind_waiting_needs, django_capture_on_commit_callbacks)
    assert keys(staff, "remind:need_review") == [f"remind:need_review:{old.pk}"]
    assert keys(staff_b, "remind:") == []


def test_purchaser_reminded_once_before_publicity_ends(
    purchaser, purchaser_elsewhere, django_capture_on_commit_callbacks
):
    tender = published_tender(purchaser)
    far = published_tender(purchaser)
    force_state(
        tender, TenderState.AWARD_PROPOSED, publicity_ends_at=clock.now() + timedelta(days=1)
    )
    force_state(far, TenderState.AWARD_PROPOSED, publicity_ends_at=clock.now() + timedelta(days=9))
    run_twice(tender_reminders.remind_purchasers, django_capture_on_commit_callbacks)
    sent = keys(purchaser, "remind:tender_")
    assert len(sent) == 1 and sent[0].startswith(f"remind:tender_award_proposed:{tender.pk}:")
    assert keys(purchaser_elsewhere, "remind:") == []


def test_purchaser_reminded_again_when_the_date_moves(
    purchaser, django_capture_on_commit_callbacks
):
    tender = published_tender(purchaser)
    force_state(
        tender, TenderState.AWARD_PROPOSED, publicity_ends_at=clock.now() + timedelta(days=1)
    )
    run_twice(tender_reminders.remind_purchasers, django_capture_on_commit_callbacks)
    force_state(
        tender, TenderState.AWARD_PROPOSED, publicity_ends_at=clock.now() + timedelta(hours=30)
    )
    run_twice(tender_reminders.remind_purchasers, django_capture_on_commit_callbacks)
    assert len(keys(purchaser, "remind:tender_")) == 2


def test_panel_members_who_have_not_scored_are_reminded_once(
    purchaser, evaluator, evaluator2, django_capture_on_commit_callbacks
):
    tender = published_tender(purchaser)
    org, user = bidder()
    force_state(submit(tender, org, user), "valid")
    force_state(tender, TenderState.EVALUATING, opened_at=clock.now() - timedelta(days=4))
    PanelMember.objects.create(tender=tender, evaluator=evaluator, declared_at=clock.now())
    PanelMember.objects.create(
        tender=tender, evaluator=evaluator2, declared_at=clock.now(), has_conflict=True
    )
    run_twice(tender_reminders.remind_panel, django_capture_on_commit_callbacks)
    assert len(keys(evaluator, "remind:panel_scoring")) == 1
    assert keys(evaluator2, "remind:") == []  # excluded for a conflict of interest


def test_scorer_org_and_purchaser_reminders(
    world,
    evaluator,
    evaluator2,
    org_admin,
    purchaser,
    purchaser_elsewhere,
    django_capture_on_commit_callbacks,
):
    Evaluation.objects.filter(pk=world["evaluation_a"].pk).update(
        opened_at=clock.now() - timedelta(days=13)
    )
    steps = [
        evaluation_reminders.remind_scorers,
        evaluation_reminders.remind_payments,
        evaluation_reminders.remind_deliveries,
    ]
    for step in steps:
        run_twice(step, django_capture_on_commit_callbacks)
    assert len(keys(evaluator, "remind:party_scoring")) == 1
    assert keys(evaluator2, "remind:party_scoring") == []  # evaluation B is not due yet
    assert len(keys(org_admin, "remind:rectification")) == 1  # deadline today
    assert len(keys(org_admin, "remind:delivery_log")) == 1  # no log since the start
    assert len(keys(world["org2_admin"], "remind:delivery_log")) == 1
    assert keys(world["org2_admin"], "remind:rectification") == []
    payments = keys(purchaser, "remind:payment")
    assert len(payments) == len(set(payments)) >= 2  # each signing instalment once
    assert keys(purchaser_elsewhere, "remind:") == []


def test_beat_runs_every_reminder_step_idempotently(
    world, staff, django_capture_on_commit_callbacks
):
    NeedFactory(created_at=clock.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        first = scheduling.run_all()
    count = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.run_all()
    assert Notification.objects.count() == count
    for name in (
        "needs.remind_review",
        "tenders.remind_purchasers",
        "tenders.remind_panel",
        "evaluations.remind_scorers",
        "evaluations.remind_payments",
        "evaluations.remind_deliveries",
    ):
        assert first[name] >= 0, name


def test_a_delivery_that_logged_recently_is_not_reminded(
    world, org_admin, django_capture_on_commit_callbacks
):
    from evaluations.models import DeliveryLog

    delivery = world["delivery_a"]
    force_state(delivery, DeliveryState.IN_DELIVERY, rectification_deadline=None)
    DeliveryLog.objects.create(
        delivery=delivery,
        author=org_admin,
        indicator=delivery.project.indicators.first(),
        activity="探访",
        date=clock.today() - timedelta(days=3),
        place="社区",
    )
    run_twice(evaluation_reminders.remind_deliveries, django_capture_on_commit_callbacks)
    assert keys(org_admin, "remind:delivery_log") == []

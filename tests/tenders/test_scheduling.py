"""Opening at the deadline: scheduled step, Celery task, management command; notifications."""

from io import StringIO

from django.core.management import call_command

from marketplace import clock, scheduling
from marketplace.models import Notification, TransitionRecord
from tenders import tasks
from tenders.models import TenderState
from tests.tenders.factories import submit


def test_command_opens_due_tenders_once(tender, bidders, later):
    for org, user in bidders:
        submit(tender, org, user)
    out = StringIO()
    call_command("open_due_tenders", stdout=out)
    assert "开标 0 个" in out.getvalue()
    with clock.travel(later):
        call_command("open_due_tenders", stdout=out)
        call_command("open_due_tenders", stdout=out)
    tender.refresh_from_db()
    assert tender.state == TenderState.OPENED
    assert TransitionRecord.objects.filter(object_id=tender.pk, transition="open").count() == 1


def test_celery_task_and_registered_step(tender, bidders, later):
    for org, user in bidders:
        submit(tender, org, user)
    with clock.travel(later):
        assert tasks.open_due_tenders.delay().get() == 1
        assert scheduling.run_all()["tenders.open_due"] == 0


def test_no_notification_reveals_a_bid_before_opening(
    tender, bidders, purchaser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for org, user in bidders:
            submit(tender, org, user)
    assert not Notification.objects.filter(user=purchaser).exists()
    bidder_users = {user.pk for _org, user in bidders}
    assert set(Notification.objects.values_list("user_id", flat=True)) == bidder_users

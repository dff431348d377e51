"""Workflow steps create their notices, exactly once, through the post_transition signal."""

import pytest

from cms.models import NoticeKind, NoticePage
from cms.services.notices import notice_publish
from cms.tasks import publish_notice
from tenders.models import TenderState

from .factories import make_tender, publish, step

pytestmark = pytest.mark.django_db


def test_publishing_a_tender_creates_one_live_tender_notice(
    site, django_capture_on_commit_callbacks
):
    tender = make_tender(title="翠湖居家养老服务采购")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish(tender)
    assert len(callbacks) == 1
    notice = NoticePage.objects.get()
    assert notice.kind == NoticeKind.TENDER
    assert notice.subject == tender
    assert notice.live and notice.get_parent().specific_class.__name__ == "NoticeIndexPage"
    assert notice.title == "翠湖居家养老服务采购公告"
    assert notice.place == tender.project.community


def test_the_task_run_twice_makes_one_notice(site, django_capture_on_commit_callbacks):
    tender = make_tender()
    with django_capture_on_commit_callbacks(execute=True):
        publish(tender)
    first = NoticePage.objects.get()
    again = publish_notice.delay(NoticeKind.TENDER, "tenders", "tender", tender.pk).get()
    publish_notice(NoticeKind.TENDER, "tenders", "tender", tender.pk)
    assert again == first.pk
    assert NoticePage.objects.count() == 1


def test_the_signal_sent_twice_makes_one_notice(site, django_capture_on_commit_callbacks):
    tender = make_tender()
    with django_capture_on_commit_callbacks(execute=True):
        publish(tender)
        step(tender, "publish", TenderState.DRAFT, TenderState.PUBLISHED)
    assert NoticePage.objects.filter(kind=NoticeKind.TENDER).count() == 1


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        (TenderState.OPENED, NoticeKind.BID_OPENING),
        (TenderState.FAILED, NoticeKind.FAILED),
        (TenderState.AWARD_PROPOSED, NoticeKind.AWARD_PROPOSAL),
        (TenderState.AWARDED, NoticeKind.AWARD),
    ],
)
def test_each_tender_step_creates_its_notice_once(
    site, django_capture_on_commit_callbacks, target, kind
):
    tender = make_tender(state=target)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            step(tender, "step", TenderState.PUBLISHED, target)
    assert list(NoticePage.objects.values_list("kind", flat=True)) == [kind]


def test_steps_that_need_no_notice_create_none(site, django_capture_on_commit_callbacks):
    tender = make_tender(state=TenderState.CLOSED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        step(tender, "close", TenderState.PUBLISHED, TenderState.CLOSED)
    assert callbacks == []
    assert not NoticePage.objects.exists()


def test_a_rolled_back_step_publishes_nothing(site, django_capture_on_commit_callbacks):
    tender = make_tender()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(tender)
    # The callback waits for the commit; had the step been rolled back it would never run.
    assert len(callbacks) == 1
    assert not NoticePage.objects.exists()


def test_one_tender_gets_one_notice_per_kind(site):
    tender = make_tender(state=TenderState.AWARDED)
    for kind in (NoticeKind.TENDER, NoticeKind.BID_OPENING, NoticeKind.AWARD, NoticeKind.TENDER):
        notice_publish(kind=kind, obj=tender)
    assert sorted(NoticePage.objects.values_list("kind", flat=True)) == sorted(
        [NoticeKind.TENDER, NoticeKind.BID_OPENING, NoticeKind.AWARD]
    )

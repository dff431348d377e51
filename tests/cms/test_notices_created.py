"""Workflow steps create their notices, exactly once, through the post_transition signal."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from cms.facts import show
from cms.models import NoticeKind, NoticePage
from cms.services.notices import notice_publish
from cms.tasks import publish_notice
from marketplace import clock
from tenders import steps
from tenders.models import TenderState
from tenders.services import contracts as contract_services
from tenders.services import tenders as tender_services
from tests.tenders.conftest import score_all
from tests.tenders.factories import confirm_all, submit

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


def test_a_late_notice_is_dated_when_its_step_happened(site):
    tender = make_tender(state=TenderState.PUBLISHED)
    published_at = clock.now() - timedelta(days=3)
    with clock.travel(published_at):
        step(tender, "publish", TenderState.DRAFT, TenderState.PUBLISHED)
    step(tender, "open", TenderState.PUBLISHED, TenderState.OPENED)  # now
    notice = notice_publish(kind=NoticeKind.TENDER, obj=tender)
    assert abs(notice.step_at - published_at) < timedelta(seconds=1)


# The same steps through the tenders' real services (tests/tenders' fixtures, via conftest).


def _notice_tasks(callbacks) -> int:
    return sum(1 for c in callbacks if getattr(c, "func", None) == publish_notice.delay)


def _kinds():
    return sorted(NoticePage.objects.values_list("kind", flat=True))


@pytest.mark.usefixtures("march")
def test_the_scheduler_opening_a_tender_makes_one_bid_opening_notice(
    site, client, tender, bidders, later, django_capture_on_commit_callbacks
):
    for i, (org, user) in enumerate(bidders):
        submit(tender, org, user, price=str(150000 + 10000 * i))
    with clock.travel(later):
        with django_capture_on_commit_callbacks(execute=True):
            assert steps.open_due_tenders() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert steps.open_due_tenders() == 0  # the next scheduler run finds nothing due
    notice = NoticePage.objects.get()
    assert (notice.kind, notice.subject, notice.round) == (NoticeKind.BID_OPENING, tender, 1)
    for _ in range(2):  # the task run again (a retry) returns the same notice
        assert publish_notice(NoticeKind.BID_OPENING, "tenders", "tender", tender.pk) == notice.pk
    assert _kinds() == [NoticeKind.BID_OPENING]
    html = client.get(notice.url).content.decode()
    for org, _user in bidders:
        assert org.name in html
    assert all(bid.digest in html for bid in tender.bids.all())


@pytest.mark.usefixtures("march")
def test_proposing_and_awarding_make_one_notice_each(
    site, client, evaluating, panel, purchaser, bidders, later, django_capture_on_commit_callbacks
):
    with clock.travel(later):
        score_all(evaluating, panel)
        confirm_all(evaluating, panel)
        with django_capture_on_commit_callbacks(execute=True):
            tender = tender_services.tender_propose_award(tender=evaluating, user=purchaser)
    proposal = NoticePage.objects.get()
    assert (proposal.kind, proposal.subject, proposal.round) == (
        NoticeKind.AWARD_PROPOSAL,
        tender,
        1,
    )
    args = (NoticeKind.AWARD_PROPOSAL, "tenders", "tender", tender.pk)
    assert publish_notice(*args) == publish_notice(*args, 1) == proposal.pk
    assert _kinds() == [NoticeKind.AWARD_PROPOSAL]
    html = client.get(proposal.url).content.decode()
    assert bidders[0][0].name in html  # the lowest price wins equal technical scores
    assert show(tender.publicity_ends_at) in html and "期间可提出质疑" in html

    with clock.travel(tender.publicity_ends_at + timedelta(minutes=1)):
        for _ in range(2):  # the scheduler runs again: the step is done, nothing more
            with django_capture_on_commit_callbacks(execute=True):
                steps.close_publicity()
    award = NoticePage.objects.get(kind=NoticeKind.AWARD)
    publish_notice(NoticeKind.AWARD, "tenders", "tender", tender.pk)
    assert _kinds() == [NoticeKind.AWARD, NoticeKind.AWARD_PROPOSAL]
    assert bidders[0][0].name in client.get(award.url).content.decode()


@pytest.mark.usefixtures("march")
def test_signing_the_contract_makes_one_contract_notice_with_its_facts(
    site, client, awarded, purchaser, bidders, django_capture_on_commit_callbacks
):
    org, org_admin = bidders[0]
    with clock.travel(awarded.awarded_at + timedelta(hours=1)):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            contract = tender_services.contract_sign(
                tender=awarded,
                user=purchaser,
                amount=Decimal("148000.00"),
                start_date=date(2026, 5, 1),
                end_date=date(2027, 4, 30),
                service_standard="每月入户探访独居老人 2 次",
            )
        with django_capture_on_commit_callbacks(execute=True) as again:
            # 承接方签署 re-fires the contract's transition (signed → signed): a second run.
            contract_services.contract_countersign(contract=contract, user=org_admin)
    # The tender's step (contracted) and the contract's (signed) both scheduled the task,
    # and the countersignature once more: three runs, one notice.
    assert _notice_tasks(callbacks) == 2 and _notice_tasks(again) == 1
    notice = NoticePage.objects.get()
    assert (notice.kind, notice.subject) == (NoticeKind.CONTRACT, contract)
    for _ in range(2):
        publish_notice(NoticeKind.CONTRACT, "tenders", "contract", contract.pk)
        publish_notice(NoticeKind.CONTRACT, "tenders", "tender", awarded.pk)
    assert _kinds() == [NoticeKind.CONTRACT]
    html = client.get(notice.url).content.decode()
    assert org.name in html and awarded.project.purchaser_place.path_name in html  # parties
    assert "148,000.00 元" in html
    assert "2026年05月01日 至 2027年04月30日" in html
    assert show(contract.signed_at) in html
    assert "每月入户探访独居老人 2 次" in html

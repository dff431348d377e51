"""A reopened award (质疑成立 → 重新评审) gets new notices: one award proposal (and award) notice
per round; an earlier round's notice says it was withdrawn and keeps naming its own winner."""

from datetime import timedelta

import pytest

from cms.facts import show
from cms.models import NoticeIndexPage, NoticeKind, NoticePage
from cms.seeders import notices_catch_up
from cms.tasks import publish_notice
from marketplace import clock
from tenders.services import objections
from tenders.services import tenders as tender_services
from tests.tenders.conftest import score_all
from tests.tenders.factories import confirm_all

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("march")]

REASON = "质疑成立：第一名的资格证明材料不实，重新确定中标人"


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run one step as its own transaction: its notice task runs after it commits."""

    def run(step, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run


@pytest.fixture
def scored(evaluating, panel, later):
    with clock.travel(later):
        score_all(evaluating, panel)
        confirm_all(evaluating, panel)
    return evaluating


def reopen(run, tender, purchaser, objector):
    """The objector's objection is upheld and the purchaser reopens the award."""
    objection = objections.objection_file(
        tender=tender, organisation=objector[0], user=objector[1], text="评分不公"
    )
    objections.objection_answer(objection=objection, user=purchaser, answer="成立", upheld=True)
    return run(tender_services.tender_reopen_award, tender=tender, user=purchaser, reason=REASON)


def propose_again(run, tender, purchaser, organisation):
    bid = tender.bids.get(organisation=organisation)
    return run(
        tender_services.tender_propose_award,
        tender=tender,
        user=purchaser,
        bid_id=bid.pk,
        reason="第一名资格证明材料不实（质疑成立）",
    )


def proposals():
    return list(NoticePage.objects.filter(kind=NoticeKind.AWARD_PROPOSAL).order_by("round"))


def test_propose_reopen_propose_makes_two_proposal_notices(
    site, client, scored, purchaser, bidders, later, run
):
    (first, _admin), second = bidders[0], bidders[1]
    with clock.travel(later):
        tender = run(tender_services.tender_propose_award, tender=scored, user=purchaser)
    first_end = tender.publicity_ends_at
    with clock.travel(tender.award_proposed_at + timedelta(hours=1)):
        tender = reopen(run, tender, purchaser, second)
        reopened_at = clock.now()
        tender = propose_again(run, tender, purchaser, second[0])
    for round in (1, 2):  # each round's task run again: still one notice per round
        publish_notice(NoticeKind.AWARD_PROPOSAL, "tenders", "tender", tender.pk, round)
    publish_notice(NoticeKind.AWARD_PROPOSAL, "tenders", "tender", tender.pk)
    notices_catch_up()

    old, new = proposals()
    assert (old.round, new.round) == (1, 2)
    assert (old.award_winner, new.award_winner) == (first.name, second[0].name)
    assert new.title.endswith("（第2次）") and old.slug != new.slug
    html = client.get(old.url).content.decode()
    assert "已撤销" in html and "重新评审" in html and REASON in html
    assert show(reopened_at)[:11] in html  # the date of the reopen
    assert first.name in html and second[0].name not in html  # its own round's winner
    assert show(first_end) in html
    html = client.get(new.url).content.decode()
    assert second[0].name in html and first.name not in html and "已撤销" not in html
    assert f"公示期至 {show(tender.publicity_ends_at)} 止" in html
    index = client.get(NoticeIndexPage.objects.get().url).content.decode()
    assert old.url in index and new.url in index


def test_a_reopened_award_withdraws_its_award_notice_too(
    site, client, awarded, purchaser, bidders, run
):
    (first, _admin), second = bidders[0], bidders[1]
    run(notices_catch_up)  # round 1's proposal and award, made late by the seeder
    assert [n.award_winner for n in proposals()] == [first.name]
    with clock.travel(awarded.awarded_at + timedelta(hours=1)):
        tender = reopen(run, awarded, purchaser, second)
        tender = propose_again(run, tender, purchaser, second[0])
    with clock.travel(tender.publicity_ends_at + timedelta(minutes=1)):
        run(tender_services.tender_award, tender_id=tender.pk)
    publish_notice(NoticeKind.AWARD, "tenders", "tender", tender.pk, 2)
    old, new = NoticePage.objects.filter(kind=NoticeKind.AWARD).order_by("round")
    assert (old.round, new.round) == (1, 2)
    old_html = client.get(old.url).content.decode()
    assert "已撤销" in old_html and REASON in old_html and first.name in old_html
    assert second[0].name not in old_html
    new_html = client.get(new.url).content.decode()
    assert second[0].name in new_html and "已撤销" not in new_html
    assert len(proposals()) == 2


def test_the_seeder_backfills_every_round_once(site, client, scored, purchaser, bidders, later):
    """Steps whose tasks never ran (no commit hook here): the catch-up makes one notice per
    round; the withdrawn round's winner is no longer on the tender, so it names none."""
    second = bidders[1]
    with clock.travel(later):
        tender = tender_services.tender_propose_award(tender=scored, user=purchaser)
    with clock.travel(tender.award_proposed_at + timedelta(hours=1)):
        tender = reopen(lambda step, **kw: step(**kw), tender, purchaser, second)
        tender = propose_again(lambda step, **kw: step(**kw), tender, purchaser, second[0])
    assert not NoticePage.objects.exists()
    notices_catch_up()
    notices_catch_up()
    old, new = proposals()
    assert (old.round, old.award_winner, new.round, new.award_winner) == (
        1,
        "",
        2,
        second[0].name,
    )
    assert old.step_at < new.step_at  # each dated by its own round's record
    html = client.get(old.url).content.decode()
    assert "已撤销" in html and second[0].name not in html

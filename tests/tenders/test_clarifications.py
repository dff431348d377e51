"""Questions (答疑) and clarifications (澄清): allowed and refused paths, anonymity, deadlines."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace import clock
from marketplace.models import Notification
from marketplace.selectors import timeline_for
from marketplace.workflow import WorkflowError
from tenders.models import ClarificationState, QuestionState
from tenders.services import clarifications as services
from tests.tenders.factories import after_deadline, bidder, published_tender, submit

pytestmark = pytest.mark.usefixtures("march")


@pytest.fixture
def site(db):
    """The public site with its notice index (the clarification notice goes there)."""
    from cms.seeders import site_setup

    return site_setup()


@pytest.fixture
def asker(places):
    return bidder("昆明市提问社会工作服务中心")


def test_question_answered_and_published_without_the_asker(
    client, tender, asker, purchaser, django_capture_on_commit_callbacks
):
    org, user = asker
    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_ask(
            tender=tender, organisation=org, user=user, text="服务对象是否包括独居老人？"
        )
    # the purchaser hears that a question came, not from whom
    note = Notification.objects.get(user=purchaser)
    assert org.name not in note.title + note.body
    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_answer(
            question=question, user=purchaser, answer="包括，约 40 户独居老人。"
        )
    assert question.state == QuestionState.ANSWERED and question.answered_at
    assert Notification.objects.filter(user=user, key=f"question-answered-{question.pk}").exists()
    (record,) = timeline_for(question)
    assert record.by == purchaser  # the asker is in no record

    public = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "服务对象是否包括独居老人" in public and "约 40 户独居老人" in public
    assert org.name not in public
    client.force_login(purchaser)
    page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "约 40 户独居老人" in page and org.name not in page


def test_purchaser_sees_open_questions_without_the_asker(client, tender, asker, purchaser):
    org, user = asker
    services.question_ask(tender=tender, organisation=org, user=user, text="是否需要驻点社工？")
    client.force_login(purchaser)
    page = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert "是否需要驻点社工" in page and "答复并公开" in page
    assert org.name not in page


@pytest.mark.parametrize("who", ["outsider", "purchaser", "resident"])
def test_only_organisations_may_ask(tender, organisation, who, request):
    with pytest.raises(PermissionDenied):
        services.question_ask(
            tender=tender, organisation=organisation, user=request.getfixturevalue(who), text="?"
        )


def test_no_question_after_the_deadline(tender, asker):
    org, user = asker
    with after_deadline(tender), pytest.raises(WorkflowError, match="截止后"):
        services.question_ask(tender=tender, organisation=org, user=user, text="还能问吗？")


@pytest.mark.parametrize("who", ["purchaser_elsewhere", "staff", "outsider"])
def test_only_the_purchaser_answers(tender, asker, who, request):
    org, user = asker
    question = services.question_ask(tender=tender, organisation=org, user=user, text="问题")
    for person in (request.getfixturevalue(who), user):
        with pytest.raises(PermissionDenied):
            services.question_answer(question=question, user=person, answer="答复")
    question.refresh_from_db()
    assert question.state == QuestionState.ASKED and question.answer == ""


def test_answer_twice_refused_and_empty_answer_refused(tender, asker, purchaser):
    org, user = asker
    question = services.question_ask(tender=tender, organisation=org, user=user, text="问题")
    with pytest.raises(WorkflowError) as empty:
        services.question_answer(question=question, user=purchaser, answer="  ")
    assert empty.value.status == 400
    services.question_answer(question=question, user=purchaser, answer="答复一")
    with pytest.raises(WorkflowError, match="当前状态"):
        services.question_answer(question=question, user=purchaser, answer="答复二")
    question.refresh_from_db()
    assert question.answer == "答复一"


# clarifications
def test_clarification_far_from_the_deadline_keeps_it(tender, purchaser):
    deadline = tender.deadline  # 21 days ahead
    c = services.clarification_publish(
        tender=tender, user=purchaser, text="补充服务地点。", affects_bids=True
    )
    tender.refresh_from_db()
    assert c.state == ClarificationState.PUBLISHED and not c.deadline_moved
    assert tender.deadline == deadline


def test_clarification_too_close_moves_the_deadline_and_tells_bidders(
    client, site, tender, purchaser, bidders, django_capture_on_commit_callbacks
):
    for org, user in bidders[:2]:
        submit(tender, org, user)
    old = tender.deadline
    moment = old - timedelta(days=10)  # 2026-03-13 09:00, Friday
    with clock.travel(moment), django_capture_on_commit_callbacks(execute=True):
        c = services.clarification_publish(
            tender=tender,
            user=purchaser,
            text="服务人数由 200 人调整为 260 人。",
            affects_bids=True,
        )
    tender.refresh_from_db()
    # 15 days after the clarification: Saturday 28 March → Monday 30 March, same time
    assert c.previous_deadline == old
    assert c.new_deadline == tender.deadline
    assert tender.deadline.date() == (moment + timedelta(days=17)).date()
    assert tender.deadline >= moment + timedelta(days=15)
    (record,) = timeline_for(c)
    assert record.by == purchaser and "顺延" in record.reason
    told = set(
        Notification.objects.filter(key=f"clarification-{c.pk}").values_list("user_id", flat=True)
    )
    assert told == {user.pk for _org, user in bidders[:2]}
    assert not Notification.objects.filter(user=purchaser, key=f"clarification-{c.pk}").exists()
    # the clarification notice (澄清公告) is published with the moved deadline
    from cms.models import NoticeKind, NoticePage

    notice = NoticePage.objects.get(kind=NoticeKind.CLARIFICATION)
    assert notice.subject == c
    page = client.get(notice.url).content.decode()
    assert "服务人数由 200 人调整为 260 人" in page and "顺延" in page
    # bids are still accepted until the new deadline
    with clock.travel(old + timedelta(hours=1)):
        org, user = bidders[2]
        assert submit(tender, org, user).pk


def test_clarification_that_cannot_affect_bids_keeps_the_deadline(tender, purchaser):
    old = tender.deadline
    with clock.travel(old - timedelta(days=2)):
        c = services.clarification_publish(
            tender=tender, user=purchaser, text="更正联系人电话。", affects_bids=False
        )
    tender.refresh_from_db()
    assert tender.deadline == old and not c.deadline_moved


def test_consultation_needs_five_days(purchaser, places):
    tender = published_tender(purchaser, method="consultation", days=11)
    with clock.travel(tender.deadline - timedelta(days=6)):
        services.clarification_publish(tender=tender, user=purchaser, text="a", affects_bids=True)
    tender.refresh_from_db()
    assert not tender.clarifications.get().deadline_moved
    moment = tender.deadline - timedelta(days=2)
    with clock.travel(moment):
        c = services.clarification_publish(
            tender=tender, user=purchaser, text="b", affects_bids=True
        )
    tender.refresh_from_db()
    assert c.deadline_moved and tender.deadline >= moment + timedelta(days=5)


@pytest.mark.parametrize("who", ["purchaser_elsewhere", "org_admin", "outsider"])
def test_only_the_purchaser_clarifies(tender, who, request):
    with pytest.raises(PermissionDenied):
        services.clarification_publish(
            tender=tender, user=request.getfixturevalue(who), text="x", affects_bids=True
        )
    assert not tender.clarifications.exists()


def test_no_clarification_after_the_deadline(tender, purchaser):
    with after_deadline(tender), pytest.raises(WorkflowError, match="截止前"):
        services.clarification_publish(tender=tender, user=purchaser, text="x", affects_bids=True)
    assert not tender.clarifications.exists()

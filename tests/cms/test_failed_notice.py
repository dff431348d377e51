"""The 流标公告 states why the tender failed: after the eligibility review, the reason the
tenders' service recorded on the transition (not typed in the CMS); at opening, the default."""

import pytest
from django_fsm.signals import post_transition

from cms.models import NoticeKind, NoticePage
from tenders.models import TenderState

from .factories import make_tender

pytestmark = pytest.mark.django_db

REVIEW_REASON = "资格审查后有效投标不足3家（合格投标 2 家），本次采购流标。"


def fail(tender, name, reason=""):
    """Fire the step as the tenders' service does: the record keeps the reason, the notice
    follows from the same signal."""
    post_transition.send(
        sender=type(tender), instance=tender, name=name, source=TenderState.EVALUATING,
        target=TenderState.FAILED, method_kwargs={"by": None, "reason": reason},
    )  # fmt: skip


def test_a_failure_after_the_review_shows_the_recorded_reason(
    site, client, django_capture_on_commit_callbacks
):
    tender = make_tender(state=TenderState.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        fail(tender, "fail_after_review", REVIEW_REASON)
    notice = NoticePage.objects.get(kind=NoticeKind.FAILED)
    html = client.get(notice.url).content.decode()
    assert REVIEW_REASON in html
    assert "有效投标不足，本次采购流标。" not in html


def test_a_failure_at_opening_keeps_the_general_statement(
    site, client, django_capture_on_commit_callbacks
):
    tender = make_tender(state=TenderState.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        fail(tender, "fail", "开标时有效投标不足")
    notice = NoticePage.objects.get(kind=NoticeKind.FAILED)
    html = client.get(notice.url).content.decode()
    assert "有效投标不足，本次采购流标。" in html and "资格审查后" not in html

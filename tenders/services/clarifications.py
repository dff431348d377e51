"""Questions (答疑) and clarifications or changes (澄清/修改) while a tender takes bids.

A clarification that can affect bids, published too close to the deadline, moves the deadline
to the earliest lawful date (periods.deadline_after_clarification); bidders holding a live
bid are told to check and, if need be, replace it. The tender row is locked, as in bidding.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError, apply_transition

from .. import award_selectors, periods, rules
from ..models import Clarification, Question, Tender, TenderState


def _locked_tender(tender_id: int) -> Tender:
    return Tender.objects.select_for_update().select_related("project").get(pk=tender_id)


def _check_taking_bids(tender: Tender, message: str) -> None:
    if tender.state != TenderState.PUBLISHED or clock.now() >= tender.deadline:
        raise WorkflowError(message)


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise WorkflowError(message, status=400)
    return value


@transaction.atomic
def question_ask(*, tender: Tender, organisation, user, text: str) -> Question:
    """An organisation asks; the purchasers are told that a question came, not by whom."""
    tender = _locked_tender(tender.pk)
    if not rules.may_bid_for(user, organisation):
        raise PermissionDenied(_("只有社会组织的管理员或成员可以代表其提问。"))
    _check_taking_bids(tender, _("投标截止后不能再提问。"))
    question = Question.objects.create(
        tender=tender,
        organisation=organisation,
        asked_by=user,
        text=_text(text, _("请填写问题。")),
        asked_at=clock.now(),
    )
    notify(
        users=award_selectors.purchasers_of(tender),
        title=_("采购项目收到新的提问：%(t)s") % {"t": tender.title},
        body=_("请在采购页面答复；答复向所有人公开，不显示提问人。"),
        url=reverse("tenders:detail", args=[tender.pk]),
        key=f"question-{question.pk}",
    )
    return question


@transaction.atomic
def question_answer(*, question: Question, user, answer: str) -> Question:
    """The purchaser answers; the answer is published on the tender page without the asker."""
    question = Question.objects.select_for_update().select_related("tender").get(pk=question.pk)
    if not rules.can_decide(question.tender, user):
        raise PermissionDenied(_("只有该项目的购买主体可以答复。"))
    question.answer = _text(answer, _("请填写答复内容。"))
    question.save(update_fields=["answer"])
    question = apply_transition(question, "reply", actor=user)
    notify(
        users=[question.asked_by],
        title=_("您的提问已答复：%(t)s") % {"t": question.tender.title},
        url=reverse("tenders:detail", args=[question.tender_id]) + "#qa-h",
        key=f"question-answered-{question.pk}",
    )
    return question


def _moved_reason(old, new) -> str:
    return _("澄清发布时距投标截止不足法定期限，投标截止时间由 %(old)s 顺延至 %(new)s。") % {
        "old": f"{timezone.localtime(old):%Y-%m-%d %H:%M}",
        "new": f"{timezone.localtime(new):%Y-%m-%d %H:%M}",
    }


@transaction.atomic
def clarification_publish(*, tender: Tender, user, text: str, affects_bids: bool) -> Clarification:
    tender = _locked_tender(tender.pk)
    if not rules.can_decide(tender, user):
        raise PermissionDenied(_("只有该项目的购买主体可以发布澄清或修改。"))
    _check_taking_bids(tender, _("只能在投标截止前发布澄清或修改。"))
    clarification = Clarification.objects.create(
        tender=tender,
        text=_text(text, _("请填写澄清或修改内容。")),
        affects_bids=affects_bids,
        created_by=user,
    )
    new_deadline = None
    if affects_bids:
        new_deadline = periods.deadline_after_clarification(
            tender.method,
            clock.now(),
            tender.deadline,
            getattr(settings, "TENDER_CLARIFICATION_DAYS", None),
        )
    reason = _moved_reason(tender.deadline, new_deadline) if new_deadline else ""
    clarification = apply_transition(
        clarification, "publish", actor=user, reason=reason, new_deadline=new_deadline
    )
    if new_deadline:
        tender.deadline = new_deadline
        tender.save(update_fields=["deadline"])
    notify(
        users=award_selectors.bidders_to_tell(tender),
        title=_("采购项目发布了澄清或修改：%(t)s") % {"t": tender.title},
        body=reason + _("请查看澄清内容；如需修改投标，请在截止前替换。"),
        url=reverse("tenders:detail", args=[tender.pk]) + "#clar-h",
        key=f"clarification-{clarification.pk}",
    )
    return clarification

"""质疑: filed in writing by a bidder within 7 working days after publicity; answered within 7.

An open objection that may change the result blocks the contract (Contract.sign condition);
one upheld lets the purchaser take the award back to evaluation (Tender.reopen_award).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError, apply_transition

from .. import award_selectors, rules, selectors
from ..models import Objection, Tender, TenderState
from ..models.bid import OPENED_STATES

OBJECTABLE = [TenderState.AWARD_PROPOSED, TenderState.AWARDED, TenderState.CONTRACTED]


def _check_window(tender: Tender) -> None:
    window = award_selectors.objection_window(tender)
    if tender.state not in OBJECTABLE or window is None:
        raise WorkflowError(_("中标候选人公示后才能提出质疑。"))
    if clock.now() > window.at:
        raise WorkflowError(
            _("质疑期已于 %(end)s 结束（公示期满后 7 个工作日），不再受理质疑。")
            % {"end": f"{timezone.localtime(window.at):%Y-%m-%d %H:%M}"}
        )


@transaction.atomic
def objection_file(
    *, tender: Tender, organisation, user, text: str, may_change_result: bool = True
) -> Objection:
    tender = Tender.objects.select_for_update().select_related("project").get(pk=tender.pk)
    if not rules.may_bid_for(user, organisation):
        raise PermissionDenied(_("只有投标组织的管理员或成员可以提出质疑。"))
    if not tender.bids.filter(organisation=organisation, state__in=OPENED_STATES).exists():
        raise PermissionDenied(_("只有参加本次投标的组织可以提出质疑。"))
    _check_window(tender)
    text = (text or "").strip()
    if not text:
        raise WorkflowError(_("请以书面形式写明质疑事项和理由。"), status=400)
    objection = Objection.objects.create(
        tender=tender,
        organisation=organisation,
        filed_by=user,
        filed_at=clock.now(),
        text=text,
        may_change_result=may_change_result,
    )
    notify(
        users=award_selectors.purchasers_of(tender),
        title=_("收到质疑：%(t)s") % {"t": tender.title},
        body=_("请在 7 个工作日内书面答复。"),
        url=reverse("tenders:detail", args=[tender.pk]) + "#obj-h",
        key=f"objection-{objection.pk}",
    )
    return objection


@transaction.atomic
def objection_answer(*, objection: Objection, user, answer: str, upheld: bool) -> Objection:
    """答复: upheld (质疑成立) or rejected; the written answer goes to the objector."""
    objection = (
        Objection.objects.select_for_update().select_related("tender__project").get(pk=objection.pk)
    )
    if not rules.can_decide(objection.tender, user):
        raise PermissionDenied(_("只有该项目的购买主体可以答复质疑。"))
    objection.answer = (answer or "").strip()
    objection.save(update_fields=["answer"])
    objection = apply_transition(
        objection, "uphold" if upheld else "reject", actor=user, reason=objection.answer
    )
    notify(
        users=selectors.organisation_people(objection.organisation),
        title=_("质疑已答复：%(t)s") % {"t": objection.tender.title},
        body=objection.get_state_display(),
        url=reverse("tenders:detail", args=[objection.tender_id]) + "#obj-h",
        key=f"objection-answered-{objection.pk}",
    )
    return objection


def objection_withdraw(*, objection: Objection, user) -> Objection:
    return apply_transition(objection, "withdraw", actor=user)

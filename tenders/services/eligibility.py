"""合格性审查: each seated member checks every valid bid against the eligibility terms.

When the last verdict is in and fewer bids passed than the method needs (tender.min_valid_bids:
招标 3, 竞争性磋商 for services 2, …), the tender fails (流标) as it does at an opening with
too few bids: the step is recorded with its reason, the 流标公告 follows and the purchaser
may tender again.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.services.notifications import notify
from marketplace.workflow import SYSTEM, WorkflowError

from .. import panel_selectors, selectors
from ..models import EligibilityCheck, PanelMember, Tender
from ..models.panel_conditions import review_left_too_few
from .panel import seat_for_work
from .tenders import fail_and_reopen


@transaction.atomic
def eligibility_submit(*, member: PanelMember, user, verdicts: dict[int, tuple[bool, str]]):
    """{bid id: (passed, note)} for every valid bid; a failed bid needs the reason."""
    # The tender row first: the last two verdicts cannot both miss that the review is complete.
    Tender.objects.select_for_update().filter(pk=member.tender_id).first()
    member = seat_for_work(member, user)
    bids = set(panel_selectors.valid_bid_ids(member.tender))
    if set(verdicts) != bids:
        raise WorkflowError(_("须对每一份有效投标逐一作出审查结论。"), status=400)
    for passed, note in verdicts.values():
        if not passed and not note.strip():
            raise WorkflowError(_("判定不合格须写明理由。"), status=400)
    now = clock.now()
    for bid_id, (passed, note) in verdicts.items():
        EligibilityCheck.objects.update_or_create(
            member=member,
            bid_id=bid_id,
            defaults={"passed": passed, "note": note.strip()[:300], "checked_at": now},
        )
    if review_left_too_few(member.tender):
        tender_fail_after_review(tender=member.tender, actor=SYSTEM)
    return member


@transaction.atomic
def tender_fail_after_review(*, tender: Tender, actor) -> Tender:
    """流标 after 合格性审查 (automatic on the last verdict; the purchaser may also take it)."""
    tender = Tender.objects.select_for_update().select_related("project").get(pk=tender.pk)
    qualified = len(panel_selectors.qualified_bid_ids(tender))
    reason = _("资格审查后有效投标不足%(m)d家（合格投标 %(n)d 家），本次采购流标。") % {
        "m": tender.min_valid_bids,
        "n": qualified,
    }
    tender = fail_and_reopen(tender, "fail_after_review", actor=actor, reason=reason)
    notify(
        users=selectors.people_to_tell_at_opening(tender),
        title=_("采购流标：%(t)s") % {"t": tender.title},
        body=reason,
        url=reverse("tenders:detail", args=[tender.pk]),
        key=f"tender-failed-{tender.pk}",
    )
    return tender

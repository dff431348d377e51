"""合格性审查: each seated member checks every valid bid against the eligibility terms."""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.workflow import WorkflowError

from .. import panel_selectors
from ..models import EligibilityCheck, PanelMember
from .panel import seat_for_work


@transaction.atomic
def eligibility_submit(*, member: PanelMember, user, verdicts: dict[int, tuple[bool, str]]):
    """{bid id: (passed, note)} for every valid bid; a failed bid needs the reason."""
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
    return member

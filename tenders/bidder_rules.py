"""Who may not bid (besides the designer and bad credit, in rules.bid_refusal).

- 邀请招标: only invited organisations.
- 实施条例 §18: organisations with the same person in charge, or in a direct relation of
  control, may not both bid on the same tender. The later submission is refused with one
  generic message: it never says which organisation bid, nor how many did (bids are
  sealed). The check runs inside bid_submit's lock on the tender row, so two related
  organisations submitting at the same moment cannot both get through. A relation recorded
  after both bid is caught at opening (related_among): both bids become invalid.
"""

from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _

from marketplace.models import Organisation

from .models import Bid, BidState, Tender

RELATED = _(
    "本组织与本项目的其他投标人存在关联关系（单位负责人为同一人，或存在直接控股、管理关系），"
    "依法不得参加同一项目的投标。"
)
NOT_INVITED = _("本项目为邀请招标，只有受邀的社会组织可以投标。")


def related_organisation_ids(organisation: Organisation) -> set[int]:
    """Same person in charge, controlling it, or controlled by it (never itself)."""
    q = Q(controlled_by_id=organisation.pk)
    if organisation.controlled_by_id:
        q |= Q(pk=organisation.controlled_by_id)
    if organisation.legal_representative_key:
        q |= Q(legal_representative_key=organisation.legal_representative_key)
    return set(
        Organisation.objects.filter(q).exclude(pk=organisation.pk).values_list("pk", flat=True)
    )


def refusal(tender: Tender, organisation: Organisation) -> str | None:
    if (
        tender.method == "invited"
        and not tender.invitations.filter(organisation=organisation).exists()
    ):
        return NOT_INVITED
    related = related_organisation_ids(organisation)
    if (
        related
        and Bid.objects.filter(
            tender=tender, organisation_id__in=related, state=BidState.SUBMITTED
        ).exists()
    ):
        return RELATED
    return None


def are_related(a: Organisation, b: Organisation) -> bool:
    """Same person in charge (a blank key never matches), or one controls the other."""
    if a.pk == b.pk:
        return False
    same_person = bool(a.legal_representative_key) and (
        a.legal_representative_key == b.legal_representative_key
    )
    return same_person or a.controlled_by_id == b.pk or b.controlled_by_id == a.pk


def related_among(organisations: Iterable[Organisation]) -> dict[int, list[Organisation]]:
    """{organisation id: the others it is related to} for the related ones (pure, no ORM)."""
    orgs = list(organisations)
    found: dict[int, list[Organisation]] = {}
    for a in orgs:
        others = [b for b in orgs if are_related(a, b)]
        if others:
            found[a.pk] = others
    return found


def related_reason(others: Iterable[Organisation]) -> str:
    names = "、".join(o.name for o in others)
    return _(
        "与本项目投标人“%(names)s”存在关联关系（单位负责人为同一人，或存在直接控股、管理关系），"
        "投标无效"
    ) % {"names": names}

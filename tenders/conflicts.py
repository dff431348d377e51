"""Automatic conflicts of interest (自动回避): ties the system knows without a declaration.

Each source is `source(user, organisation_ids, since) -> {organisation id: reason}`. This
app knows two ties: a role in a bidding organisation (RoleAssignment) and having
submitted a bid for it since `since`. A later stage that knows more registers its own
source in its AppConfig.ready() (evaluations: membership of a delivery team of the
organisation's contracts), because tenders may not import a later app.
"""

from collections.abc import Callable
from datetime import datetime

from django.utils.translation import gettext as _

from marketplace.models import RoleAssignment

TieSource = Callable[[object, set[int], datetime], dict[int, str]]
_sources: list[TieSource] = []
YEARS = 3


def register(source: TieSource) -> TieSource:
    if source not in _sources:
        _sources.append(source)
    return source


def automatic_ties(user, organisation_ids: set[int], since: datetime) -> dict[int, list[str]]:
    ties: dict[int, list[str]] = {}
    if not organisation_ids:
        return ties
    for source in _sources:
        for org_id, reason in source(user, set(organisation_ids), since).items():
            ties.setdefault(org_id, []).append(reason)
    return ties


@register
def members_of_bidders(user, organisation_ids, since):
    rows = RoleAssignment.objects.filter(user=user, organisation_id__in=organisation_ids)
    return {
        ra.organisation_id: _("专家在该投标人担任“%(r)s”。") % {"r": ra.get_role_display()}
        for ra in rows
    }


@register
def bids_prepared_for(user, organisation_ids, since):
    from .models import Bid

    rows = Bid.objects.filter(
        submitted_by=user, organisation_id__in=organisation_ids, submitted_at__gte=since
    ).values_list("organisation_id", flat=True)
    return {org: _("专家近三年曾代表该投标人递交投标。") for org in rows}

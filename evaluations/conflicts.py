"""A tie tenders cannot see: having worked on a bidder's delivery team (自动回避).

Registered with tenders.conflicts in EvaluationsConfig.ready() (tenders may not import
evaluations). Counts teams of the organisation's contracts since `since` (three years).
"""

from django.utils.translation import gettext as _

from tenders import conflicts

from .models import TeamMember


@conflicts.register
def delivery_teams_of_bidders(user, organisation_ids, since):
    rows = TeamMember.objects.filter(
        user=user,
        delivery__contract__organisation_id__in=organisation_ids,
        added_at__gte=since,
    ).values_list("delivery__contract__organisation_id", flat=True)
    return {org: _("专家近三年曾参与该投标人承接项目的服务团队。") for org in rows}

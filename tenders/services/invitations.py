"""邀请招标: the purchaser invites organisations (in the draft); they hear of it at publishing."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.models import Organisation
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError

from .. import rules, selectors
from ..models import Invitation, Tender, TenderState


def _draft_invited(tender: Tender, user) -> Tender:
    tender = Tender.objects.select_for_update().select_related("project").get(pk=tender.pk)
    if not rules.can_decide(tender, user):
        raise PermissionDenied(_("只有该项目的购买主体可以发出投标邀请。"))
    if tender.method != "invited":
        raise WorkflowError(_("只有邀请招标需要发出投标邀请。"), status=400)
    if tender.state != TenderState.DRAFT:
        raise WorkflowError(_("采购公告发布后不能再调整受邀组织。"))
    return tender


@transaction.atomic
def invitation_add(*, tender: Tender, user, credit_code: str) -> Invitation:
    tender = _draft_invited(tender, user)
    organisation = Organisation.objects.filter(credit_code=credit_code.strip().upper()).first()
    if organisation is None:
        raise WorkflowError(_("没有这个统一社会信用代码的社会组织。"), status=400)
    if organisation.bad_credit:
        raise WorkflowError(_("该社会组织被列入失信名单，不能邀请。"), status=400)
    invitation, created = Invitation.objects.get_or_create(
        tender=tender, organisation=organisation, defaults={"invited_by": user}
    )
    if not created:
        raise WorkflowError(_("已邀请该社会组织。"), status=400)
    return invitation


@transaction.atomic
def invitation_remove(*, invitation: Invitation, user) -> None:
    _draft_invited(invitation.tender, user)
    invitation.delete()


def invitees_notify(tender: Tender) -> None:
    """Tell each invited organisation's people, once the invited tender is published."""
    for invitation in tender.invitations.select_related("organisation"):
        notify(
            users=selectors.organisation_people(invitation.organisation),
            title=_("投标邀请：%(t)s") % {"t": tender.title},
            body=_("贵组织受邀参加投标，截止时间 %(d)s。")
            % {"d": f"{tender.deadline:%Y-%m-%d %H:%M}"},
            url=reverse("tenders:detail", args=[tender.pk]),
            key=f"invitation-{invitation.pk}",
        )

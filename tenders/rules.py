"""Who may do what in tendering (predicates; the only queries are the user's roles)."""

from django.utils.translation import gettext as _

from marketplace import rules
from marketplace.models import Role, RoleAssignment

from . import bidder_rules
from .models import Bid, Tender, TenderState

BIDDER_ROLES = {Role.ORG_ADMIN, Role.ORG_MEMBER}


def can_decide(tender: Tender, user) -> bool:
    return rules.can_decide(tender.project, user)


def can_see_tender(tender: Tender, user) -> bool:
    return tender.state != TenderState.DRAFT or can_decide(tender, user)


def bidder_organisation_ids(user) -> set[int]:
    return rules.organisation_ids(user, BIDDER_ROLES)


def may_bid_for(user, organisation) -> bool:
    return organisation.pk in bidder_organisation_ids(user)


def bid_refusal(tender: Tender, organisation, user) -> str | None:
    """Why `user` may not bid for `organisation` on `tender`, or None (eligibility rules)."""
    if not may_bid_for(user, organisation):
        return _("只有该社会组织的管理员或成员可以代表其投标。")
    if organisation.bad_credit:
        return _("该社会组织被列入失信名单，不能投标。")
    designer = tender.project.designer_id
    if tender.design_organisation_id == organisation.pk or (
        RoleAssignment.objects.filter(user_id=designer, organisation=organisation).exists()
    ):
        return _("为本项目提供设计或项目管理服务的社会组织不得参与该项目投标。")
    return bidder_rules.refusal(tender, organisation)


def can_read_bid(bid: Bid, user) -> bool:
    """The proposal and its file: the bidder always; after opening the purchaser and panel."""
    if rules.is_member_of(user, bid.organisation):
        return True
    tender = bid.tender
    if tender.is_sealed:
        return False
    if can_decide(tender, user):
        return True
    return tender.panel.filter(evaluator=user, has_conflict=False).exists()


def is_evaluator(user) -> bool:
    return rules.has_role(user, Role.EVALUATOR)

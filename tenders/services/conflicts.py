"""回避: evaluators' declarations per bidder, automatic exclusions, bidders' recusal requests."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError, apply_transition

from .. import conflicts, panel_selectors, rules, selectors
from ..models import (
    ConflictDeclaration,
    Exclusion,
    ExclusionSource,
    PanelMember,
    RecusalRequest,
    TenderState,
    Tie,
)

DECLARABLE = [TenderState.OPENED, TenderState.EVALUATING]


def _exclude(member: PanelMember, *, source, reason, organisation_id=None) -> None:
    Exclusion.objects.create(
        member=member, organisation_id=organisation_id, source=source, reason=reason
    )
    if not member.has_conflict:
        member.has_conflict = True
        member.save(update_fields=["has_conflict"])


def _tell_purchasers(tender, member) -> None:
    notify(
        users=[
            u for u in selectors.people_to_tell_at_opening(tender) if rules.can_decide(tender, u)
        ],
        title=_("评标委员会成员回避：%(t)s") % {"t": tender.title},
        body=_("%(n)s 已回避；如人数不足，请补充成员。") % {"n": member.evaluator.display_name},
        url=reverse("tenders:detail", args=[tender.pk]),
        key=f"panel-exclusion-{member.pk}",
    )


@transaction.atomic
def panel_declare(*, member: PanelMember, user, ties: dict[int, tuple[str, str]]) -> PanelMember:
    """Declare, for every bidder, the tie if any ({organisation id: (tie, note)}).

    Any tie, declared or found by the system (conflicts.automatic_ties), excludes the member
    from this tender; every reason is recorded.
    """
    member = (
        PanelMember.objects.select_for_update()
        .select_related("tender", "evaluator")
        .get(pk=member.pk)
    )
    tender = member.tender
    if member.evaluator_id != user.pk:
        raise PermissionDenied(_("只能由专家本人声明。"))
    if tender.state not in DECLARABLE:
        raise WorkflowError(_("开标后、评标结束前才能声明利益冲突。"))
    if member.declared_at is not None:
        raise WorkflowError(_("您已对本项目作出声明，不能修改；如有新情况请联系购买主体。"))
    bidders = panel_selectors.bidder_organisation_ids(tender)
    if set(ties) != bidders:
        raise WorkflowError(_("须对每一个投标人逐一声明。"), status=400)
    for tie, note in ties.values():
        if tie not in Tie.values:
            raise WorkflowError(_("关系选项无效。"), status=400)
        if tie != Tie.NONE and not note.strip():
            raise WorkflowError(_("存在利害关系时须说明具体情况。"), status=400)
    now = clock.now()
    ConflictDeclaration.objects.bulk_create(
        ConflictDeclaration(
            member=member, organisation_id=org, tie=tie, note=note.strip(), declared_at=now
        )
        for org, (tie, note) in sorted(ties.items())
    )
    for org, (tie, note) in sorted(ties.items()):
        if tie != Tie.NONE:
            label = Tie(tie).label
            _exclude(
                member,
                source=ExclusionSource.DECLARED,
                reason=f"{label}：{note.strip()}",
                organisation_id=org,
            )
    since = now - timedelta(days=365 * conflicts.YEARS)
    for org, reasons in sorted(conflicts.automatic_ties(user, bidders, since).items()):
        _exclude(
            member,
            source=ExclusionSource.AUTOMATIC,
            reason=" ".join(reasons),
            organisation_id=org,
        )
    member.declared_at = now
    member.save(update_fields=["declared_at"])
    if member.has_conflict:
        _tell_purchasers(tender, member)
    return member


@transaction.atomic
def recusal_request(*, member: PanelMember, user, organisation, reason: str) -> RecusalRequest:
    """申请回避: a bidder asks, in writing, that a panel member be excluded."""
    member = PanelMember.objects.select_for_update().select_related("tender").get(pk=member.pk)
    tender = member.tender
    if not rules.may_bid_for(user, organisation):
        raise PermissionDenied(_("只有投标组织的管理员或成员可以申请回避。"))
    if organisation.pk not in panel_selectors.bidder_organisation_ids(tender):
        raise PermissionDenied(_("只有本项目的投标人可以申请回避。"))
    if tender.state not in DECLARABLE:
        raise WorkflowError(_("开标后、评标结束前才能申请回避。"))
    if member.has_conflict:
        raise WorkflowError(_("该成员已回避。"))
    if not reason.strip():
        raise WorkflowError(_("请写明申请回避的理由。"), status=400)
    if RecusalRequest.objects.filter(
        member=member, organisation=organisation, state="pending"
    ).exists():
        raise WorkflowError(_("已有一份待决定的回避申请。"))
    request = RecusalRequest.objects.create(
        member=member, organisation=organisation, requested_by=user, reason=reason.strip()
    )
    notify(
        users=[
            u for u in selectors.people_to_tell_at_opening(tender) if rules.can_decide(tender, u)
        ],
        title=_("收到回避申请：%(t)s") % {"t": tender.title},
        body=_("投标人申请评标委员会成员回避，请及时决定。"),
        url=reverse("tenders:recusals", args=[tender.pk]),
        key=f"recusal-{request.pk}",
    )
    return request


@transaction.atomic
def recusal_decide(*, request: RecusalRequest, user, grant: bool, reason: str) -> RecusalRequest:
    """The purchaser grants (the member is excluded) or refuses (with a reason) a request."""
    if not grant and not reason.strip():
        raise WorkflowError(_("不予回避须说明理由。"), status=400)
    request = apply_transition(
        request, "grant" if grant else "refuse", actor=user, reason=reason.strip()
    )
    member = (
        PanelMember.objects.select_for_update()
        .select_related("tender", "evaluator")
        .get(pk=request.member_id)
    )
    if grant:
        _exclude(
            member,
            source=ExclusionSource.RECUSAL,
            reason=_("投标人申请回避，购买主体准予：%(r)s %(d)s")
            % {"r": request.reason, "d": reason.strip()},
            organisation_id=request.organisation_id,
        )
    notify(
        users=selectors.organisation_people(request.organisation),
        title=_("回避申请已有决定：%(t)s") % {"t": member.tender.title},
        body=request.get_state_display() + (f"：{request.decision}" if request.decision else ""),
        url=reverse("tenders:detail", args=[member.tender_id]),
        key=f"recusal-decided-{request.pk}",
    )
    return request

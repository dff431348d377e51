"""The evaluation panel (评标委员会): appointment, conflict declarations, scores."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace import rules as core_rules
from marketplace.models import RoleAssignment
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError

from .. import rules
from ..models import Bid, BidState, Criterion, PanelMember, Score, Tender, TenderState

APPOINTABLE = [TenderState.PUBLISHED, TenderState.OPENED]


@transaction.atomic
def panel_appoint(*, tender: Tender, user, evaluators) -> list[PanelMember]:
    """Set the panel to exactly `evaluators` (before evaluation starts)."""
    tender = Tender.objects.select_for_update().select_related("project").get(pk=tender.pk)
    if not rules.can_decide(tender, user):
        raise PermissionDenied(_("只有该项目的购买主体可以组建评标委员会。"))
    if tender.state not in APPOINTABLE:
        raise WorkflowError(
            _("当前状态为“%(s)s”，不能调整评标委员会。") % {"s": tender.state_label}
        )
    evaluators = list(evaluators)
    for person in evaluators:
        if not rules.is_evaluator(person):
            raise WorkflowError(_("%(n)s 不是评审专家。") % {"n": person.display_name}, status=400)
        if core_rules.can_decide(tender.project, person):
            raise WorkflowError(
                _("购买主体的工作人员不得担任本单位项目的评标专家：%(n)s")
                % {"n": person.display_name},
                status=400,
            )
    keep = {p.pk for p in evaluators}
    tender.panel.exclude(evaluator_id__in=keep).delete()
    seated = set(tender.panel.values_list("evaluator_id", flat=True))
    PanelMember.objects.bulk_create(
        PanelMember(tender=tender, evaluator=p) for p in evaluators if p.pk not in seated
    )
    notify(
        users=evaluators,
        title=_("您被聘为评标专家：%(t)s") % {"t": tender.title},
        body=_("开标后请声明利益冲突并评分。"),
        url=reverse("tenders:detail", args=[tender.pk]),
        key=f"panel-{tender.pk}",
    )
    return list(tender.panel.all())


def _bidder_ids(tender) -> set[int]:
    return set(
        Bid.objects.filter(tender=tender, state__in=[BidState.VALID, BidState.INVALID]).values_list(
            "organisation_id", flat=True
        )
    )


@transaction.atomic
def panel_declare(*, member: PanelMember, user, has_conflict: bool, note: str = "") -> PanelMember:
    """回避声明: after opening, when the bidders are known. Membership of a bidder is automatic."""
    member = PanelMember.objects.select_for_update().select_related("tender").get(pk=member.pk)
    if member.evaluator_id != user.pk:
        raise PermissionDenied(_("只能由专家本人声明。"))
    if member.tender.state != TenderState.OPENED:
        raise WorkflowError(_("开标后、评标开始前才能声明利益冲突。"))
    tied = RoleAssignment.objects.filter(
        user=user, organisation_id__in=_bidder_ids(member.tender)
    ).exists()
    if tied:
        has_conflict = True
        note = (note + "\n" if note else "") + _("系统自动回避：专家是投标组织的成员。")
    if has_conflict and not note.strip():
        raise WorkflowError(_("存在利益冲突时须说明情况。"), status=400)
    member.has_conflict = has_conflict
    member.conflict_note = note
    member.declared_at = clock.now()
    member.save()
    return member


@transaction.atomic
def scores_submit(*, member: PanelMember, user, values: dict[tuple[int, int], Decimal]) -> int:
    """Save this evaluator's scores {(bid id, criterion id): value}; each within 0..weight."""
    member = PanelMember.objects.select_for_update().select_related("tender").get(pk=member.pk)
    tender = member.tender
    if member.evaluator_id != user.pk:
        raise PermissionDenied(_("只能由专家本人评分。"))
    if member.declared_at is None or member.has_conflict:
        raise PermissionDenied(_("未声明或需回避的专家不能评分。"))
    if tender.state != TenderState.EVALUATING:
        raise WorkflowError(_("评标尚未开始或已经结束。"))
    bids = set(tender.valid_bids().values_list("pk", flat=True))
    weights = dict(Criterion.objects.filter(tender=tender).values_list("pk", "weight"))
    for (bid_id, criterion_id), value in values.items():
        if bid_id not in bids or criterion_id not in weights:
            raise WorkflowError(_("评分对象无效。"), status=400)
        if value is None or not Decimal("0") <= value <= weights[criterion_id]:
            raise WorkflowError(
                _("得分须在 0 到该评分项分值（%(w)s）之间。") % {"w": weights[criterion_id]},
                status=400,
            )
    for (bid_id, criterion_id), value in values.items():
        Score.objects.update_or_create(
            member=member, bid_id=bid_id, criterion_id=criterion_id, defaults={"value": value}
        )
    return len(values)

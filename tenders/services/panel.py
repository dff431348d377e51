"""The evaluation panel (评标委员会): appointment, scores and the report's confirmation.

Conflicts of interest and recusal are in services/conflicts.py; eligibility in
services/eligibility.py.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace import rules as core_rules
from marketplace.models import Role
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError

from .. import panel_report, panel_selectors, rules
from ..models import Criterion, MemberKind, PanelMember, Score, Tender, TenderState

APPOINTABLE = [TenderState.PUBLISHED, TenderState.OPENED, TenderState.EVALUATING]


def is_own_staff(project, person) -> bool:
    """Holds a purchaser role covering the project's community or its purchasing unit."""
    places = [p for p in (project.community, project.purchaser_place) if p is not None]
    return any(core_rules.has_role(person, Role.PURCHASER, place=p) for p in places)


def _check_people(tender, experts, representatives) -> None:
    for person in experts:
        if not rules.is_evaluator(person):
            raise WorkflowError(_("%(n)s 不是评审专家。") % {"n": person.display_name}, status=400)
        if is_own_staff(tender.project, person):
            raise WorkflowError(
                _("购买主体本单位的工作人员不得以评审专家身份参加本单位项目的评审：%(n)s")
                % {"n": person.display_name},
                status=400,
            )
    for person in representatives:
        if not core_rules.can_decide(tender.project, person):
            raise WorkflowError(
                _("采购人代表须为本项目购买主体的工作人员：%(n)s") % {"n": person.display_name},
                status=400,
            )
    if {p.pk for p in experts} & {p.pk for p in representatives}:
        raise WorkflowError(_("同一人不能既是评审专家又是采购人代表。"), status=400)


@transaction.atomic
def panel_appoint(*, tender: Tender, user, evaluators, representatives=()) -> list[PanelMember]:
    """Set the seated panel to `evaluators` (experts) + `representatives`.

    Excluded members stay on record and cannot be seated again. Once evaluation has
    started, members can only be added (a replacement after an exclusion).
    """
    tender = Tender.objects.select_for_update().select_related("project").get(pk=tender.pk)
    if not rules.can_decide(tender, user):
        raise PermissionDenied(_("只有该项目的购买主体可以组建评标委员会。"))
    if tender.state not in APPOINTABLE:
        raise WorkflowError(
            _("当前状态为“%(s)s”，不能调整评标委员会。") % {"s": tender.state_label}
        )
    experts, representatives = list(evaluators), list(representatives)
    _check_people(tender, experts, representatives)
    wanted = {p.pk: MemberKind.EXPERT for p in experts}
    wanted.update({p.pk: MemberKind.PURCHASER_REP for p in representatives})
    current = {m.evaluator_id: m for m in tender.panel.all()}
    if any(current[pk].has_conflict for pk in wanted if pk in current):
        raise WorkflowError(_("已回避的成员不能再参加本项目的评审。"), status=400)
    seated = {pk: m for pk, m in current.items() if not m.has_conflict}
    if tender.state == TenderState.EVALUATING and (
        set(seated) - set(wanted)
        or any(seated[pk].kind != k for pk, k in wanted.items() if pk in seated)
    ):
        raise WorkflowError(_("评标开始后只能补充成员，不能撤换在席成员。"))
    errors = panel_rules_errors(tender, list(wanted.values()))
    if errors:
        raise WorkflowError(" ".join(errors), status=400)
    tender.panel.filter(evaluator_id__in=set(seated) - set(wanted)).delete()
    for pk, kind in wanted.items():
        if pk in seated and seated[pk].kind != kind:
            PanelMember.objects.filter(pk=seated[pk].pk).update(kind=kind)
    new = [pk for pk in wanted if pk not in seated]
    PanelMember.objects.bulk_create(
        PanelMember(tender=tender, evaluator_id=pk, kind=wanted[pk]) for pk in new
    )
    notify(
        users=[p for p in [*experts, *representatives] if p.pk in new],
        title=_("您被聘为评标委员会成员：%(t)s") % {"t": tender.title},
        body=_("开标后请对每个投标人声明利益冲突，完成合格性审查后评分。"),
        url=reverse("tenders:detail", args=[tender.pk]),
        key=f"panel-{tender.pk}-{clock.now():%Y%m%d%H%M%S%f}",
    )
    return list(tender.panel.all())


def panel_rules_errors(tender: Tender, kinds) -> list[str]:
    from .. import panel_rules

    return panel_rules.composition_errors(
        tender.method, tender.ceiling_price, tender.is_complex, kinds
    )


def seat_for_work(member: PanelMember, user) -> PanelMember:
    """Lock the seat and check that its evaluator may work on the tender now."""
    member = PanelMember.objects.select_for_update().select_related("tender").get(pk=member.pk)
    if member.evaluator_id != user.pk:
        raise PermissionDenied(_("只能由评标委员会成员本人操作。"))
    if member.declared_at is None or member.has_conflict:
        raise PermissionDenied(_("未声明利益冲突或已回避的成员不能参加评审。"))
    tender = member.tender
    if tender.state != TenderState.EVALUATING:
        raise WorkflowError(_("评标尚未开始或已经结束。"))
    if panel_selectors.composition_errors(tender, panel_selectors.seated_members(tender)):
        raise WorkflowError(
            _("回避后评标委员会人数或组成不符合规定，须由购买主体补充成员后再评审。")
        )
    return member


@transaction.atomic
def scores_submit(*, member: PanelMember, user, values: dict[tuple[int, int], Decimal]) -> int:
    """Save this evaluator's scores {(bid id, criterion id): value}; each within 0..weight."""
    member = seat_for_work(member, user)
    tender = member.tender
    if not panel_selectors.eligibility_complete(tender):
        raise WorkflowError(_("全体成员完成合格性审查后才能评分。"))
    bids = panel_selectors.qualified_bid_ids(tender)
    weights = dict(Criterion.objects.filter(tender=tender).values_list("pk", "weight"))
    for (bid_id, criterion_id), value in values.items():
        if bid_id not in bids or criterion_id not in weights:
            raise WorkflowError(_("评分对象无效（只对合格投标评分）。"), status=400)
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


@transaction.atomic
def report_confirm(*, member: PanelMember, user) -> PanelMember:
    """签字确认: the member confirms the panel report as it now stands (its digest)."""
    member = seat_for_work(member, user)
    tender = member.tender
    if not panel_selectors.scoring_complete(tender):
        raise WorkflowError(_("评分尚未全部完成，评标报告不能确认。"))
    member.report_digest = panel_report.report_digest(tender)
    member.report_confirmed_at = clock.now()
    member.save(update_fields=["report_digest", "report_confirmed_at"])
    return member

"""Opening an evaluation, scoring it party by party, and closing it (with its consequences)."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace import rules as core
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError, apply_transition

from .. import grading, rules, schedule
from ..models import (
    CriterionScore,
    Delivery,
    DeliveryState,
    Evaluation,
    EvaluationKind,
    EvaluationParty,
    EvaluationState,
    PartyCriterion,
    PartyKind,
    PartyScore,
)
from ..signals import evaluation_concluded

RECTIFICATION_DAYS = 30
OPENABLE = [DeliveryState.IN_DELIVERY, DeliveryState.RECTIFYING]


def _check_scorer(kind, scorer, delivery):
    project, organisation = delivery.project, delivery.contract.organisation
    if kind == PartyKind.THIRD_PARTY:
        if scorer is None:
            raise WorkflowError(_("须指定第三方评估人。"), status=400)
        if not rules.is_independent_evaluator(scorer, organisation):
            raise WorkflowError(
                _("第三方评估人须为评估专家或评估机构人员，且不得与承接组织存在关联。"), status=400
            )
        return
    if scorer is None:
        return
    if kind == PartyKind.PURCHASER:
        ok, message = core.can_decide(project, scorer), _("购买主体评分人须为本项目的购买主体。")
    else:  # community and residents: staff of the project's community
        ok, message = (
            core.is_staff_for(scorer, project.community),
            _("社区及服务对象满意度的评分人须为本项目所在社区的工作人员。"),
        )
    if not ok:
        raise WorkflowError(message, status=400)


def _criteria_for(kind, final, contract):
    if final and kind == PartyKind.PURCHASER:
        standards = schedule.service_standards(contract.service_standard)
        if not standards:
            raise WorkflowError(
                _("合同没有写明服务标准，不能进行终期评估（履约验收）。"), status=400
            )
        guidance = _("对照合同约定的服务标准逐项验收：达到标准的给满分，部分达到的按程度扣分。")
        return [
            (item, w, guidance, True)
            for item, w in zip(standards, schedule.equal_weights(len(standards)), strict=True)
        ]
    return [(n, w, g, False) for n, w, g in schedule.DEFAULT_CRITERIA.get(str(kind), [])]


def _add_criteria(evaluation, parties, contract):
    final = evaluation.kind == EvaluationKind.FINAL
    PartyCriterion.objects.bulk_create(
        PartyCriterion(party=p, name=n, weight=w, guidance=g, is_service_standard=s)
        for p in parties
        for n, w, g, s in _criteria_for(p.kind, final, contract)
    )


def _criteria_score(party, values) -> Decimal:
    """Record each criterion's score; the party's score is their weighted total."""
    criteria = list(party.criteria.all())
    values = {int(k): v for k, v in (values or {}).items()}
    if {c.pk for c in criteria} != set(values):
        raise WorkflowError(_("请为每一项评估指标评分。"), status=400)
    scores = {c.pk: _valid_score(values[c.pk]) for c in criteria}
    CriterionScore.objects.bulk_create(
        CriterionScore(criterion=c, score=scores[c.pk]) for c in criteria
    )
    return grading.total((scores[c.pk], c.weight) for c in criteria)


def _valid_score(raw) -> Decimal:
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError) as exc:
        raise WorkflowError(_("请输入 0–100 之间的分数。"), status=400) from exc
    if not value.is_finite() or not Decimal("0") <= value <= Decimal("100"):
        raise WorkflowError(_("请输入 0–100 之间的分数。"), status=400)
    return value


@transaction.atomic
def evaluation_open(
    *,
    delivery: Delivery,
    user,
    kind: str,
    scorers: dict | None = None,
    parties=None,
    thresholds: grading.Thresholds | None = None,
) -> Evaluation:
    """Open a mid-term or final evaluation with its weighted parties and their scorers."""
    delivery = (
        Delivery.objects.select_for_update()
        .select_related("contract__organisation", "project__community")
        .get(pk=delivery.pk)
    )
    if not rules.decides(delivery, user):
        raise PermissionDenied(_("只有购买主体可以组织评估。"))
    if delivery.state not in OPENABLE:
        raise WorkflowError(
            _("项目当前状态为“%(s)s”，不能开始评估。") % {"s": delivery.state_label}
        )
    if delivery.evaluations.filter(state=EvaluationState.OPEN).exists():
        raise WorkflowError(_("已有进行中的评估。"))
    parties = list(parties or schedule.DEFAULT_PARTIES)
    kinds = [k for k, _w in parties]
    if len(parties) < 2 or len(set(kinds)) != len(kinds):
        raise WorkflowError(_("评估须有至少两个不同的评估方。"), status=400)
    if sum(w for _k, w in parties) != 100:
        raise WorkflowError(_("各评估方权重之和须为 100%。"), status=400)
    if kind == EvaluationKind.FINAL and PartyKind.RESIDENTS not in kinds:
        raise WorkflowError(_("终期评估（履约验收）须包含服务对象满意度。"), status=400)
    scorers = {PartyKind.PURCHASER: user, **(scorers or {})}
    for party_kind in kinds:
        _check_scorer(party_kind, scorers.get(party_kind), delivery)
    thresholds = thresholds or grading.Thresholds()
    evaluation = Evaluation.objects.create(
        delivery=delivery,
        kind=kind,
        round=delivery.evaluations.filter(kind=kind).count() + 1,
        excellent_from=thresholds.excellent,
        good_from=thresholds.good,
        pass_from=thresholds.passing,
        opened_by=user,
    )
    created = EvaluationParty.objects.bulk_create(
        EvaluationParty(evaluation=evaluation, kind=k, weight=w, scorer=scorers.get(k))
        for k, w in parties
    )
    _add_criteria(evaluation, created, delivery.contract)
    if kind == EvaluationKind.FINAL:
        delivery = apply_transition(delivery, "start_evaluation", actor=user)
        apply_transition(delivery.project, "start_evaluation", actor=user)
    named = [s for s in scorers.values() if s is not None and s != user]
    notify(
        users=named,
        title=_("请为项目评估评分：%(title)s") % {"title": delivery.project.title},
        body=evaluation.get_kind_display(),
        url=reverse("evaluations:evaluation", args=[evaluation.pk]),
        key=f"evaluation-opened-{evaluation.pk}",
    )
    return evaluation


@transaction.atomic
def party_score(
    *, party: EvaluationParty, user, score=None, criteria: dict | None = None, comment: str = ""
) -> PartyScore:
    """Score a party once: by criterion when it has criteria (the score is computed)."""
    party = (
        EvaluationParty.objects.select_for_update()
        .select_related(
            "evaluation__delivery__project__community",
            "evaluation__delivery__contract__organisation",
        )
        .get(pk=party.pk)
    )
    evaluation, delivery = party.evaluation, party.evaluation.delivery
    if evaluation.state != EvaluationState.OPEN:
        raise WorkflowError(_("评估已结束，不能再评分。"))
    organisation = delivery.contract.organisation
    if party.kind == PartyKind.THIRD_PARTY and core.is_member_of(user, organisation):
        raise WorkflowError(_("第三方评估人不得为承接组织成员。"))
    if not rules.may_score(party, user, project=delivery.project, organisation=organisation):
        raise PermissionDenied(_("您不是此评估方的评分人。"))
    if PartyScore.objects.filter(party=party).exists():
        raise WorkflowError(_("该评估方已评分，每个评估方只能评分一次。"))
    try:
        with transaction.atomic():
            if party.criteria.exists():
                value = _criteria_score(party, criteria)
            else:
                value = _valid_score(score)
            return PartyScore.objects.create(
                party=party, scorer=user, score=value, comment=comment.strip()
            )
    except IntegrityError as exc:
        raise WorkflowError(_("该评估方已评分，每个评估方只能评分一次。")) from exc


@transaction.atomic
def evaluation_close(*, evaluation: Evaluation, user) -> Evaluation:
    """Close with the grade; a final pass completes delivery and project, a fail rectifies."""
    evaluation = Evaluation.objects.select_related("delivery").get(pk=evaluation.pk)
    if evaluation.state == EvaluationState.OPEN and not rules.decides(evaluation.delivery, user):
        raise PermissionDenied(_("只有购买主体可以结束评估。"))
    total, grade, passed = evaluation.result()
    evaluation = apply_transition(evaluation, "close_pass" if passed else "close_fail", actor=user)
    delivery = evaluation.delivery
    if passed and evaluation.kind == EvaluationKind.FINAL:
        delivery = apply_transition(delivery, "complete", actor=user)
        apply_transition(delivery.project, "complete", actor=user)
    elif passed and delivery.state == DeliveryState.RECTIFYING:
        apply_transition(delivery, "resume", actor=user, reason=_("中期复评通过"))
    elif not passed:
        reason = _("%(kind)s不合格（总分 %(total)s），进入整改并复评。") % {
            "kind": evaluation.get_kind_display(),
            "total": total,
        }
        deadline = clock.today() + timedelta(days=RECTIFICATION_DAYS)
        if delivery.state in (DeliveryState.IN_DELIVERY, DeliveryState.UNDER_EVALUATION):
            project_under_evaluation = delivery.state == DeliveryState.UNDER_EVALUATION
            delivery = apply_transition(
                delivery, "rectify", actor=user, reason=reason, deadline=deadline
            )
            if project_under_evaluation:
                apply_transition(delivery.project, "rectify", actor=user, reason=reason)
    notify(
        users=[tm.user for tm in delivery.team.select_related("user")],
        title=_("评估结果：%(title)s") % {"title": delivery.project.title},
        body=f"{evaluation.get_kind_display()} {evaluation.total} {evaluation.get_grade_display()}",
        url=reverse("evaluations:evaluation", args=[evaluation.pk]),
        key=f"evaluation-closed-{evaluation.pk}",
    )
    transaction.on_commit(
        lambda: evaluation_concluded.send(
            sender=Evaluation, evaluation=evaluation, passed=passed, kind=evaluation.kind
        )
    )
    return evaluation

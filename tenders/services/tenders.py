"""Writes on tenders: create, publish, open (or fail), evaluate, award, contract, cancel."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.models import Project, ProjectState
from marketplace.services.notifications import notify
from marketplace.workflow import SYSTEM, WorkflowError, apply_transition

from .. import bidder_rules, duedates, periods, selectors
from ..models import Bid, BidState, Contract, Criterion, Tender, TenderState
from ..models.objection import blocking_objections
from ..rules import can_decide
from .invitations import invitees_notify


def tender_create(
    *,
    project: Project,
    user,
    title: str,
    method: str,
    deadline,
    ceiling_price: Decimal,
    price_weight: Decimal,
    criteria: list[dict],
    eligibility: str = "",
    is_complex: bool = False,
    design_organisation=None,
) -> Tender:
    """A draft tender for an approved project; publishing checks the rules."""
    from marketplace import rules

    if not rules.can_decide(project, user):
        raise PermissionDenied(_("只有该项目的购买主体可以发起采购。"))
    if project.state != ProjectState.APPROVED:
        raise WorkflowError(_("只有已批准的项目可以发起采购。"))
    with transaction.atomic():
        tender = Tender.objects.create(
            project=project,
            title=title,
            method=method,
            deadline=deadline,
            ceiling_price=ceiling_price,
            price_weight=price_weight,
            eligibility=eligibility,
            is_complex=is_complex,
            design_organisation=design_organisation,
            min_valid_bids=periods.minimum_valid_bids(
                method, getattr(settings, "TENDER_MIN_VALID_BIDS", None)
            ),
            created_by=user,
        )
        Criterion.objects.bulk_create(
            Criterion(
                tender=tender, name=c["name"], weight=c["weight"], guidance=c.get("guidance", "")
            )
            for c in criteria
        )
    return tender


@transaction.atomic
def tender_publish(*, tender: Tender, user) -> Tender:
    tender = apply_transition(tender, "publish", actor=user)
    tender.project = apply_transition(
        tender.project, "start_tendering", actor=user, reason=tender.title
    )
    invitees_notify(tender)
    return tender


def _opening_verdict(bid: Bid, tender: Tender) -> str | None:
    if bid.price > tender.ceiling_price:
        return _("报价超过最高限价")
    if bid.organisation.bad_credit:
        return _("投标人被列入失信名单")
    return None


def tender_open(*, tender_id: int) -> Tender | None:
    """Open one tender whose deadline passed (idempotent: does nothing if already opened)."""
    with transaction.atomic():
        tender = Tender.objects.select_for_update().filter(pk=tender_id).first()
        if tender is None or tender.state != TenderState.PUBLISHED or clock.now() < tender.deadline:
            return None
        tender = apply_transition(tender, "open", actor=SYSTEM)
        bids = list(
            Bid.objects.filter(tender=tender, state=BidState.SUBMITTED).select_related(
                "organisation"
            )
        )
        # 实施条例 §18, re-checked here: a relation may have been recorded after both bid.
        related = bidder_rules.related_among(b.organisation for b in bids)
        for bid in bids:
            verdict = _opening_verdict(bid, tender)
            if not verdict and bid.organisation_id in related:
                verdict = bidder_rules.related_reason(related[bid.organisation_id])
            if verdict:
                apply_transition(bid, "invalidate", actor=SYSTEM, reason=verdict)
            else:
                apply_transition(bid, "validate", actor=SYSTEM)
        valid = tender.valid_bids().count()
        url = reverse("tenders:detail", args=[tender.pk])
        if valid < tender.min_valid_bids:
            reason = _("有效投标 %(n)d 家，少于要求的 %(m)d 家，流标。") % {
                "n": valid,
                "m": tender.min_valid_bids,
            }
            tender = fail_and_reopen(tender, "fail", actor=SYSTEM, reason=reason)
            title = _("采购流标：%(t)s") % {"t": tender.title}
        else:
            reason = _("已开标，有效投标 %(n)d 家。") % {"n": valid}
            title = _("已开标：%(t)s") % {"t": tender.title}
        notify(
            users=selectors.people_to_tell_at_opening(tender),
            title=title,
            body=reason,
            url=url,
            key=f"tender-opened-{tender.pk}",
        )
        return tender


def fail_and_reopen(tender: Tender, name: str, *, actor, reason: str) -> Tender:
    """流标 by transition `name` (recorded; the 流标公告 follows), and free the project for
    a new tender (tender_retender)."""
    tender = apply_transition(tender, name, actor=actor, reason=reason)
    tender.project = apply_transition(tender.project, "reopen", actor=actor, reason=reason)
    return tender


def tender_start_evaluation(*, tender: Tender, user) -> Tender:
    return apply_transition(tender, "start_evaluation", actor=user)


def publicity_days() -> int:
    return periods.publicity_days(getattr(settings, "TENDER_PUBLICITY_DAYS", 3))


@transaction.atomic
def tender_propose_award(*, tender: Tender, user, reason: str = "", bid_id=None) -> Tender:
    """Confirm the top-ranked bid (or, with a recorded reason, another valid bid) and publish it."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if not can_decide(tender, user):
        raise PermissionDenied(_("您没有对此对象执行此操作的权限。"))
    ranking = selectors.ranking_for(tender)
    if tender.state == TenderState.EVALUATING and not ranking:
        raise WorkflowError(_("没有可排名的有效投标。"))
    chosen = int(bid_id) if bid_id else (ranking[0].bid_id if ranking else None)
    if ranking and chosen not in {r.bid_id for r in ranking}:
        raise WorkflowError(_("只能从有效投标中确定中标候选人。"), status=400)
    if ranking and chosen != ranking[0].bid_id and not reason.strip():
        raise WorkflowError(_("确定排名第一以外的投标人为中标候选人，须书面说明理由。"), status=400)
    winner = Bid.objects.select_related("organisation").get(pk=chosen) if chosen else None
    ends = duedates.publicity_end(clock.now(), publicity_days())
    tender = apply_transition(
        tender,
        "propose_award",
        actor=user,
        reason=reason.strip(),
        winner=winner,
        publicity_ends_at=ends.at,
    )
    notify(
        users=selectors.people_to_tell_at_opening(tender),
        title=_("中标候选人公示：%(t)s") % {"t": tender.title},
        body=_("拟中标：%(org)s，公示至 %(end)s。")
        % {"org": winner.organisation.name, "end": f"{tender.publicity_ends_at:%Y-%m-%d %H:%M}"},
        url=reverse("tenders:detail", args=[tender.pk]),
        key=f"tender-award-proposed-{tender.pk}-{tender.award_proposed_at:%Y%m%d%H%M%S}",
    )
    return tender


@transaction.atomic
def tender_reopen_award(*, tender: Tender, user, reason: str) -> Tender:
    """质疑成立且影响中标结果: back to evaluation; the purchaser proposes the winner again."""
    if not reason.strip():
        raise WorkflowError(_("请说明重新确定中标人的理由。"), status=400)
    return apply_transition(tender, "reopen_award", actor=user, reason=reason.strip())


def tender_award(*, tender_id: int) -> Tender | None:
    """Close the publicity period (idempotent)."""
    with transaction.atomic():
        tender = Tender.objects.select_for_update().filter(pk=tender_id).first()
        if tender is None or tender.state != TenderState.AWARD_PROPOSED:
            return None
        if tender.publicity_ends_at is None or clock.now() < tender.publicity_ends_at:
            return None
        if blocking_objections(tender).exists():
            return None  # answered first (质疑未答复或已成立); the next run tries again
        return apply_transition(tender, "award", actor=SYSTEM, reason=_("公示期满，无异议。"))


@transaction.atomic
def contract_sign(
    *,
    tender: Tender,
    user,
    amount: Decimal,
    start_date,
    end_date,
    service_standard: str,
    stable_service: bool = False,
) -> Contract:
    """Record the signed contract with the winner and move tender and project on."""
    tender = apply_transition(tender, "contract_sign", actor=user)
    bid = tender.winning_bid
    contract = Contract.objects.create(
        tender=tender,
        project=tender.project,
        organisation=bid.organisation,
        bid=bid,
        amount=amount,
        start_date=start_date,
        end_date=end_date,
        service_standard=service_standard,
        stable_service=stable_service,
    )
    contract = apply_transition(contract, "sign", actor=user)
    tender.project = apply_transition(
        tender.project, "contract", actor=user, organisation=bid.organisation
    )
    notify(
        users=selectors.organisation_people(bid.organisation),
        title=_("合同已签订：%(t)s") % {"t": tender.title},
        body=_("合同金额 %(a)s 元。") % {"a": amount},
        url=reverse("project_detail", args=[tender.project_id]),
        key=f"contract-signed-{contract.pk}",
    )
    return contract


@transaction.atomic
def tender_cancel(*, tender: Tender, user, reason: str) -> Tender:
    if not reason.strip():
        raise WorkflowError(_("取消采购须说明理由。"), status=400)
    tender = apply_transition(tender, "cancel", actor=user, reason=reason)
    if tender.project.state == ProjectState.TENDERING:
        tender.project = apply_transition(tender.project, "reopen", actor=user, reason=reason)
    return tender

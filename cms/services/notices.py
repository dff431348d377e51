"""Notices that workflow steps require: created once per (kind, object, round), then published.

The round counts award rounds (cms/rounds.py): a reopened award gets new award-proposal and
award notices; every other notice has round 1.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.selectors import records_of

from ..models import NoticeIndexPage, NoticeKind, NoticePage
from ..rounds import award_rounds, current_round, is_round_kind

log = logging.getLogger(__name__)

# Which notice a Tender's new state requires.
TENDER_NOTICES = {
    "published": NoticeKind.TENDER,
    "clarification": NoticeKind.CLARIFICATION,
    "opened": NoticeKind.BID_OPENING,
    "failed": NoticeKind.FAILED,
    "award_proposed": NoticeKind.AWARD_PROPOSAL,
    "awarded": NoticeKind.AWARD,
    "contracted": NoticeKind.CONTRACT,
}


def notice_subject(kind: str, obj):
    """The object a notice is about: a contract notice is about the contract when there is one."""
    if kind == NoticeKind.CONTRACT and obj._meta.label == "tenders.Tender":
        from tenders.models import Contract

        return Contract.objects.filter(tender_id=obj.pk).first() or obj
    return obj


def _tender_of(obj):
    return obj if obj._meta.label == "tenders.Tender" else getattr(obj, "tender", None)


def _project_of(obj):
    if obj._meta.label == "evaluations.Evaluation":
        return obj.delivery.project
    tender = _tender_of(obj)
    return tender.project if tender is not None else getattr(obj, "project", None)


def _title(kind: str, obj, round: int = 1) -> str:
    if obj._meta.label == "evaluations.Evaluation":
        return f"{obj.delivery.project.title}{obj.get_kind_display()}结果"
    tender = _tender_of(obj)
    name = tender.title if tender is not None else str(obj)
    label = str(NoticeKind(kind).label)
    if name.endswith("采购") and label.startswith("采购"):
        name = name[: -len("采购")]  # 「…服务采购」+「采购公告」→「…服务采购公告」
    again = _("（第%(n)s次）") % {"n": round} if round > 1 else ""
    return f"{name}{label}{again}"


def _place(obj):
    project = _project_of(obj)
    return project.community if project is not None else None


STEP_STATE = {kind: state for state, kind in TENDER_NOTICES.items()}


def _step_at(obj, kind, rounds=None, round=1):
    """When the step happened: its transition record (a catch-up run may come much later)."""
    step = rounds[round].step(kind) if rounds and round in rounds else None
    if step is not None:
        return step.at
    label = obj._meta.label
    if label == "tenders.Contract":
        targets = ["signed"]
    elif label == "evaluations.Evaluation":
        targets = ["closed_pass", "closed_fail"]
    elif label == "tenders.Clarification":
        targets = ["published"]
    else:
        targets = [STEP_STATE.get(kind)]
    record = records_of(obj).filter(target__in=targets).order_by("-at", "-pk").only("at").first()
    return record.at if record else clock.now()


def notice_index() -> NoticeIndexPage:
    index = NoticeIndexPage.objects.first()
    if index is None:
        raise LookupError(_("尚未建立公告栏目，请先运行 seed_demo 或在后台创建“公告栏目”。"))
    return index


def _award_facts(tender, rounds, round) -> dict:
    """The round's winner, price and publicity end, copied from the tender while the round is
    the tender's current one (a late task for an earlier round copies nothing)."""
    latest = max(rounds, default=1)
    if round != latest or (round in rounds and rounds[round].reopened is not None):
        return {}
    bid = tender.winning_bid
    if bid is None:
        return {}
    return dict(
        award_winner=bid.organisation.name,
        award_price=bid.price,
        award_publicity_ends_at=tender.publicity_ends_at,
    )


def notice_publish(*, kind: str, obj, round: int | None = None) -> NoticePage:
    """Create and publish the notice `kind` for `obj`, or return the one that exists.

    Idempotent: a retried task, a repeated signal or the catch-up seeder never makes two
    (the unique constraint on (kind, subject_type, subject_id, round) backs the check).
    `round` is the award round of an award proposal or award (default: the current one).
    """
    kind = NoticeKind(kind)
    obj = notice_subject(kind, obj)
    content_type = ContentType.objects.get_for_model(obj)
    rounds, frozen = None, {}
    round = (round or current_round(obj)) if is_round_kind(kind, obj) else 1
    key = dict(kind=kind, subject_type=content_type, subject_id=obj.pk, round=round)
    existing = NoticePage.objects.filter(**key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            # Lock the index row: concurrent tasks add children one at a time (tree paths).
            index = NoticeIndexPage.objects.select_for_update().get(pk=notice_index().pk)
            existing = NoticePage.objects.filter(**key).first()
            if existing is not None:
                return existing
            if is_round_kind(kind, obj):
                rounds = award_rounds(obj)
                frozen = _award_facts(obj, rounds, round)
            again = f"-r{round}" if round > 1 else ""
            notice = NoticePage(
                title=_title(kind, obj, round)[:255],
                slug=f"{kind}-{content_type.model}-{obj.pk}{again}".replace("_", "-"),
                step_at=_step_at(obj, kind, rounds, round),
                place=_place(obj),
                **key,
                **frozen,
            )
            index.add_child(instance=notice)
            notice.save_revision().publish()
    except IntegrityError:
        # Another worker won the race; theirs is the notice.
        return NoticePage.objects.get(**key)
    log.info("notice %s round %s published for %s %s", kind, round, content_type.model, obj.pk)
    return notice

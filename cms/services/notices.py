"""Notices that workflow steps require: created once per (kind, object), then published."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.selectors import records_of

from ..models import NoticeIndexPage, NoticeKind, NoticePage

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


def _title(kind: str, obj) -> str:
    if obj._meta.label == "evaluations.Evaluation":
        return f"{obj.delivery.project.title}{obj.get_kind_display()}结果"
    tender = _tender_of(obj)
    name = tender.title if tender is not None else str(obj)
    label = str(NoticeKind(kind).label)
    if name.endswith("采购") and label.startswith("采购"):
        name = name[: -len("采购")]  # 「…服务采购」+「采购公告」→「…服务采购公告」
    return f"{name}{label}"


def _place(obj):
    project = _project_of(obj)
    return project.community if project is not None else None


STEP_STATE = {kind: state for state, kind in TENDER_NOTICES.items()}


def _step_at(obj, kind):
    """When the step happened: its transition record (a catch-up run may come much later)."""
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


def notice_publish(*, kind: str, obj) -> NoticePage:
    """Create and publish the notice `kind` for `obj`, or return the one that exists.

    Idempotent: a retried task, a repeated signal or the catch-up seeder never makes two
    (the unique constraint on (kind, subject_type, subject_id) backs the check).
    """
    kind = NoticeKind(kind)
    obj = notice_subject(kind, obj)
    content_type = ContentType.objects.get_for_model(obj)
    key = dict(kind=kind, subject_type=content_type, subject_id=obj.pk)
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
            notice = NoticePage(
                title=_title(kind, obj)[:255],
                slug=f"{kind}-{content_type.model}-{obj.pk}".replace("_", "-"),
                step_at=_step_at(obj, kind),
                place=_place(obj),
                **key,
            )
            index.add_child(instance=notice)
            notice.save_revision().publish()
    except IntegrityError:
        # Another worker won the race; theirs is the notice.
        return NoticePage.objects.get(**key)
    log.info("notice %s published for %s %s", kind, content_type.model, obj.pk)
    return notice

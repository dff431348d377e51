"""Scheduled overdue checks of the award and contract duties; each reminder is sent once.

The step returns how many reminders it newly sent (0 on a run that finds nothing new), not
how many duties are overdue: the scheduler's log then shows what each pass did.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import clock, scheduling
from marketplace.services.notifications import notify_once

from . import award_selectors, duedates, selectors
from .models import Objection, ObjectionState, Tender, TenderState


def _url(tender, anchor=""):
    return reverse("tenders:detail", args=[tender.pk]) + anchor


def _when(due) -> str:
    return f"{timezone.localtime(due.at):%Y-%m-%d}"


def _award_overdue(now) -> int:
    sent = 0
    pending = Tender.objects.filter(state=TenderState.EVALUATING, scored_at__isnull=False)
    for tender in pending.select_related("project"):
        due = duedates.award_confirm_due(tender.scored_at)
        if now <= due.at:
            continue
        sent += notify_once(
            users=award_selectors.purchasers_of(tender),
            title=_("确定中标候选人已逾期：%(t)s") % {"t": tender.title},
            body=_("评标结束后应在 5 个工作日内（%(d)s 前）确定中标候选人。") % {"d": _when(due)},
            url=_url(tender),
            key=f"award-overdue-{tender.pk}-{tender.scored_at:%Y%m%d%H%M%S}",
        )
    return sent


def _answers_overdue(now) -> int:
    sent = 0
    open_ = Objection.objects.filter(state=ObjectionState.FILED).select_related("tender__project")
    for objection in open_:
        due = duedates.answer_due(objection.filed_at)
        if now <= due.at:
            continue
        sent += notify_once(
            users=award_selectors.purchasers_of(objection.tender),
            title=_("质疑答复已逾期：%(t)s") % {"t": objection.tender.title},
            body=_("收到质疑后应在 7 个工作日内（%(d)s 前）书面答复。") % {"d": _when(due)},
            url=_url(objection.tender, "#obj-h"),
            key=f"objection-overdue-{objection.pk}",
        )
    return sent


def _contracts_overdue(now) -> int:
    sent = 0
    awarded = Tender.objects.filter(
        state__in=[TenderState.AWARDED, TenderState.CONTRACTED], awarded_at__isnull=False
    ).select_related("project", "contract__organisation")
    for tender in awarded:
        due = duedates.contract_due(tender.awarded_at)
        contract = getattr(tender, "contract", None)
        if now <= due.at or (contract is not None and contract.countersigned_at):
            continue
        if contract is None:
            users = award_selectors.purchasers_of(tender)
            title = _("合同签订已逾期：%(t)s")
        else:
            users = selectors.organisation_people(contract.organisation)
            title = _("承接方签署合同已逾期：%(t)s")
        sent += notify_once(
            users=users,
            title=title % {"t": tender.title},
            body=_("中标后应在 30 日内（%(d)s 前）由双方签订合同。") % {"d": _when(due)},
            url=_url(tender, "#contract-h"),
            key=f"contract-overdue-{tender.pk}-{'countersign' if contract else 'sign'}",
        )
    return sent


@scheduling.register("tenders.award_duties")
def remind_overdue_duties() -> int:
    """Tell the purchaser (or the winner) once when an award or contract duty is overdue."""
    now = clock.now()
    return _award_overdue(now) + _answers_overdue(now) + _contracts_overdue(now)

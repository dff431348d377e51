"""Reminder steps before a tender's legal dates (once per tender and date):
purchasers before the end of publicity, before the contract is due and before each open
objection's answer is due (once per objection and date); seated panel members who have not
finished scoring before the scoring date."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import scheduling
from marketplace.models import Role
from marketplace.reminders import PlaceHolders, due_soon, key
from marketplace.services.notifications import notify_once

from . import next_due as duedates
from .duedates import answer_due
from .models import Objection, ObjectionState, Tender, TenderState


@scheduling.register("tenders.remind_purchasers")
def remind_purchasers() -> int:
    purchasers = PlaceHolders(Role.PURCHASER)
    tenders = Tender.objects.filter(
        state__in=[TenderState.AWARD_PROPOSED, TenderState.AWARDED]
    ).select_related("project__purchaser_place", "project__community")
    sent = 0
    for tender in tenders:
        due = duedates.next_due(tender)
        if due is None or not due_soon(due.at):
            continue
        people = purchasers.covering(tender.project.purchaser_place or tender.project.community)
        sent += notify_once(
            users=people,
            title=_("%(label)s临近：%(t)s（%(at)s）")
            % {"label": due.label, "t": tender.title, "at": f"{due.at:%Y-%m-%d %H:%M}"},
            url=reverse("tenders:detail", args=[tender.pk]),
            key=key(f"tender_{tender.state}", tender.pk, due.at),
        )
    return sent + _remind_objection_answers(purchasers)


def _remind_objection_answers(purchasers: PlaceHolders) -> int:
    objections = Objection.objects.filter(state=ObjectionState.FILED).select_related(
        "tender__project__purchaser_place", "tender__project__community"
    )
    sent = 0
    for objection in objections:
        due = answer_due(objection.filed_at)
        if not due_soon(due.at):
            continue
        project = objection.tender.project
        people = purchasers.covering(project.purchaser_place or project.community)
        sent += notify_once(
            users=people,
            title=_("质疑答复期限临近：%(t)s（%(at)s）")
            % {"t": objection.tender.title, "at": f"{due.at:%Y-%m-%d %H:%M}"},
            url=reverse("tenders:objection_answer", args=[objection.pk]),
            key=key("objection_answer", objection.pk, due.at),
        )
    return sent


@scheduling.register("tenders.remind_panel")
def remind_panel() -> int:
    sent = 0
    for tender in Tender.objects.filter(state=TenderState.EVALUATING):
        due = duedates.next_due(tender)
        if due is None or not due_soon(due.at):
            continue
        needed = tender.valid_bids().count() * tender.criteria.count()
        seats = (
            tender.panel.filter(has_conflict=False)
            .annotate(n=Count("scores"))
            .select_related("evaluator")
        )
        people = [s.evaluator for s in seats if s.n < needed]
        sent += notify_once(
            users=people,
            title=_("评分截止临近：%(t)s（%(at)s）")
            % {"t": tender.title, "at": f"{due.at:%Y-%m-%d %H:%M}"},
            url=reverse("tenders:score", args=[tender.pk]),
            key=key("panel_scoring", tender.pk, due.at),
        )
    return sent

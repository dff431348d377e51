"""Reminder steps (once per item and due date): scorers before an evaluation's scoring date,
purchasers of payments ready to release, organisations before the next delivery log is due
and before a rectification deadline."""

from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock, scheduling
from marketplace.models import Role, RoleAssignment
from marketplace.reminders import PlaceHolders, due_soon, key
from marketplace.services.notifications import notify_once

from . import duedates
from .models import (
    Delivery,
    DeliveryState,
    EvaluationParty,
    EvaluationState,
    PartyKind,
    PartyScore,
    TeamMember,
)
from .selectors import payments_ready


@scheduling.register("evaluations.remind_scorers")
def remind_scorers() -> int:
    staff, purchasers = PlaceHolders(Role.COMMUNITY_STAFF), PlaceHolders(Role.PURCHASER)
    parties = (
        EvaluationParty.objects.filter(evaluation__state=EvaluationState.OPEN)
        .exclude(Exists(PartyScore.objects.filter(party=OuterRef("pk"))))
        .select_related(
            "scorer",
            "evaluation__delivery__project__community",
            "evaluation__delivery__project__purchaser_place",
        )
    )
    sent = 0
    for party in parties:
        due = duedates.scoring_due(party.evaluation.opened_at)
        if not due_soon(due):
            continue
        project = party.evaluation.delivery.project
        if party.scorer is not None:
            people = [party.scorer]
        elif party.kind == PartyKind.PURCHASER:
            people = purchasers.covering(project.purchaser_place or project.community)
        else:
            people = staff.covering(project.community)
        sent += notify_once(
            users=people,
            title=_("评估评分截止临近：%(t)s · %(k)s（%(at)s）")
            % {"t": project.title, "k": party.get_kind_display(), "at": f"{due:%Y-%m-%d}"},
            url=reverse("evaluations:evaluation", args=[party.evaluation_id]),
            key=key("party_scoring", party.pk, due),
        )
    return sent


@scheduling.register("evaluations.remind_payments")
def remind_payments() -> int:
    """Purchasers are told once of each instalment whose condition holds and waits release."""
    purchasers = PlaceHolders(Role.PURCHASER)
    ready = payments_ready().select_related(
        "contract__delivery", "contract__project__purchaser_place", "contract__project__community"
    )
    sent = 0
    for item in ready:
        project = item.contract.project
        people = purchasers.covering(project.purchaser_place or project.community)
        delivery = getattr(item.contract, "delivery", None)
        sent += notify_once(
            users=people,
            title=_("付款待拨付：%(t)s · %(l)s %(a)s 元")
            % {"t": project.title, "l": item.label, "a": item.amount},
            url=reverse("evaluations:payments", args=[delivery.pk])
            if delivery
            else reverse("project_detail", args=[project.pk]),
            key=f"remind:payment:{item.pk}",
        )
    return sent


def _org_people(org_ids):
    """{organisation id: [org admins]} in one query."""
    people: dict[int, list] = {}
    for ra in RoleAssignment.objects.filter(
        organisation_id__in=org_ids, role=Role.ORG_ADMIN
    ).select_related("user"):
        people.setdefault(ra.organisation_id, []).append(ra.user)
    return people


@scheduling.register("evaluations.remind_deliveries")
def remind_deliveries() -> int:
    """Before the next log is due: the team's social workers and the organisation's admins.
    Before a rectification deadline: the organisation's admins."""
    running = (
        Delivery.objects.filter(state__in=[DeliveryState.IN_DELIVERY, DeliveryState.RECTIFYING])
        .annotate(last_log=Max("logs__date", filter=Q(logs__is_current=True)))
        .select_related("contract", "project")
    )
    running = list(running)
    admins = _org_people({d.contract.organisation_id for d in running})
    team: dict[int, list] = {}
    for m in TeamMember.objects.filter(delivery__in=running, is_volunteer=False).select_related(
        "user"
    ):
        team.setdefault(m.delivery_id, []).append(m.user)
    sent = 0
    for d in running:
        org_admins = admins.get(d.contract.organisation_id, [])
        log_due = duedates.log_due(d.last_log, d.contract.start_date)
        if due_soon(log_due) or log_due < clock.today():  # overdue: once for that date
            people = list({u.pk: u for u in team.get(d.pk, []) + org_admins}.values())
            sent += notify_once(
                users=people,
                title=_("请记录执行日志：%(t)s（应于 %(at)s 前）")
                % {"t": d.project.title, "at": f"{log_due:%Y-%m-%d}"},
                url=reverse("evaluations:log_new", args=[d.pk]),
                key=key("delivery_log", d.pk, log_due),
            )
        if d.state == DeliveryState.RECTIFYING and due_soon(d.rectification_deadline):
            sent += notify_once(
                users=org_admins,
                title=_("整改期限临近：%(t)s（%(at)s）")
                % {"t": d.project.title, "at": f"{d.rectification_deadline:%Y-%m-%d}"},
                url=reverse("evaluations:delivery", args=[d.pk]),
                key=key("rectification", d.pk, d.rectification_deadline),
            )
    return sent

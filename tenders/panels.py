"""Sections this app adds to the project page and to "my work" (constant queries)."""

from marketplace import panels
from marketplace import rules as core_rules
from marketplace.models import ProjectState, Role

from . import award_selectors, next_due, rules, selectors
from .models import Tender, TenderState

RANKED = [TenderState.AWARD_PROPOSED, TenderState.AWARDED, TenderState.CONTRACTED]


def project_context(project, user):
    deciding = core_rules.can_decide(project, user)
    qs = Tender.objects.filter(project=project).select_related("contract__organisation")
    if not deciding:
        qs = qs.exclude(state=TenderState.DRAFT)
    tenders = list(qs.order_by("-pk"))
    can_create = deciding and project.state == ProjectState.APPROVED
    if not tenders and not can_create:
        return None
    current = tenders[0] if tenders else None
    contract = getattr(current, "contract", None) if current else None
    ranking = selectors.ranking_rows(current) if current and current.state in RANKED else []
    return {
        "project": project,
        "tenders": tenders,
        "current": current,
        "contract": contract,
        "ranking": ranking,
        "can_create": can_create,
    }


STATE_ORDER = {value: i for i, value in enumerate(TenderState.values)}


def _by_state(tenders) -> list:
    """Tenders with their next legal date, grouped by state (workflow order)."""
    return sorted(next_due.with_due(tenders), key=lambda t: STATE_ORDER[t.state])


def _objections(user):
    """Objections awaiting the user's answer, each with its answer-due date."""
    queue = panels.listing(award_selectors.objections_to_answer(user))
    award_selectors.with_answer_due(queue.items)
    return queue


def my_work_context(_obj, user):
    """Purchaser: designs to approve, tenders with their next legal date, objections to
    answer by their due date. Organisation: open
    tenders it may bid on, its bids and receipts, its contracts. Evaluator: panel seats."""
    if not user.is_authenticated:
        return None
    purchaser = bool(core_rules.places_for(user, Role.PURCHASER))
    bidder = bool(rules.bidder_organisation_ids(user))
    member = bool(core_rules.organisation_ids(user))
    ctx = {
        "designs": panels.listing(selectors.designs_to_approve(user)) if purchaser else [],
        "to_act": _by_state(selectors.tenders_for_purchaser(user)[:20]) if purchaser else [],
        "objections": _objections(user) if purchaser else [],
        "to_tender": panels.listing(selectors.approved_projects_for_purchaser(user))
        if purchaser
        else [],
        "open": panels.listing(selectors.eligible_open_tenders(user)) if bidder else [],
        "bids": panels.listing(selectors.bids_of_user_organisations(user)) if bidder else [],
        "contracts": panels.listing(selectors.contracts_of_user_organisations(user))
        if member
        else [],
        "seats": [],
    }
    if rules.is_evaluator(user):
        ctx["seats"] = list(selectors.seats_of(user)[:20])
        for seat in ctx["seats"]:
            seat.due = next_due.next_due(seat.tender)
    if not any(ctx.values()):
        return None
    return ctx


panels.register(panels.Panel("project", 30, "tenders/panels/project.html", project_context))
panels.register(panels.Panel("my_work", 30, "tenders/panels/my_work.html", my_work_context))

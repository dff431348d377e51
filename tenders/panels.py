"""Sections this app adds to the project page and to "my work" (constant queries)."""

from marketplace import panels
from marketplace import rules as core_rules
from marketplace.models import ProjectState

from . import rules, selectors
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


def my_work_context(_obj, user):
    if not user.is_authenticated:
        return None
    ctx = {
        "to_act": list(selectors.tenders_for_purchaser(user)[:20]),
        "to_tender": list(selectors.approved_projects_for_purchaser(user)[:20]),
        "open": [],
        "bids": [],
        "seats": list(selectors.seats_of(user)[:20]) if rules.is_evaluator(user) else [],
    }
    if rules.bidder_organisation_ids(user):
        ctx["open"] = list(selectors.open_tenders()[:20])
        ctx["bids"] = list(selectors.bids_of_user_organisations(user)[:20])
    if not any(ctx.values()):
        return None
    return ctx


panels.register(panels.Panel("project", 30, "tenders/panels/project.html", project_context))
panels.register(panels.Panel("my_work", 30, "tenders/panels/my_work.html", my_work_context))

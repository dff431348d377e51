"""Sections contributed to the project page and to "my work" (constant queries each)."""

from marketplace import rules as core
from marketplace.models import Role
from marketplace.panels import Panel, register

from . import rules, selectors
from .services.surveys import survey_token


def project_context(project, user):
    delivery = selectors.delivery_for_project(project)
    if delivery is None:
        contract = selectors.contract_to_set_up(project, user)
        return {"contract": contract} if contract else None
    delivery.project = project  # already loaded by the page
    return {
        "delivery": delivery,
        "progress": selectors.progress_for(delivery),
        "team": list(selectors.team_for(delivery)),
        "logs": list(selectors.current_logs(delivery)[:5]),
        "evaluations": list(selectors.evaluations_for(delivery)),
        "payments": list(selectors.payments_for(delivery.contract)),
        "totals": selectors.log_totals(delivery),
        "overdue": selectors.overdue_milestones(delivery),
    }


def my_work_context(_obj, user):
    """Team members: logs to write. Scorers: evaluation parties with their due date.
    Purchasers: evaluations to close, payments to release, contracts to set up.
    Organisations: deliveries with the next log due and rectification deadlines.
    Residents: surveys waiting for an answer. Community staff: progress of local projects."""
    if not user.is_authenticated:
        return None
    purchaser = bool(core.places_for(user, Role.PURCHASER))
    member = bool(core.organisation_ids(user))
    context = {
        "deliveries": list(selectors.deliveries_to_log(user)[:20]) if member else [],
        "parties": selectors.with_scoring_due(
            selectors.parties_waiting_for(user)[:20], lambda p: p.evaluation
        ),
        "evaluations": selectors.with_scoring_due(selectors.evaluations_to_close(user)[:20])
        if purchaser
        else [],
        "payments": list(selectors.payments_to_release(user)[:20]) if purchaser else [],
        "contracts": list(selectors.contracts_to_set_up(user)[:20])
        if core.organisation_ids(user, {Role.ORG_ADMIN})
        else [],
        "surveys": [],
        "running": [],
        "community": [],
    }
    if core.has_role(user, Role.RESIDENT):
        context["surveys"] = list(selectors.surveys_waiting_for(user)[:10])
        for party in context["surveys"]:
            party.token = survey_token(party)
    if member:
        context["running"] = selectors.with_log_due(selectors.organisation_deliveries(user)[:20])
    if core.places_for(user, Role.COMMUNITY_STAFF):
        context["community"] = selectors.with_progress(selectors.community_deliveries(user)[:10])
    return context if any(context.values()) else None


def volunteer_context(_obj, user):
    """The volunteer area: one's own record or the link to register; for community staff
    and organisations, the volunteer list and the registrations waiting to be verified."""
    if not user.is_authenticated:
        return None
    lists = bool(core.organisation_ids(user) or core.places_for(user, Role.COMMUNITY_STAFF))
    context = {
        "own": selectors.volunteer_of(user),
        "registers": rules.self_registers(user),
        "lists": lists,
        "to_verify": selectors.volunteers_to_verify(user).count()
        if core.places_for(user, Role.COMMUNITY_STAFF)
        else 0,
    }
    return context if context["own"] or context["registers"] or lists else None


def register_panels():
    register(Panel("project", 40, "evaluations/panel_project.html", project_context))
    register(Panel("my_work", 40, "evaluations/panel_my_work.html", my_work_context))
    register(Panel("my_work", 45, "evaluations/panel_volunteers.html", volunteer_context))

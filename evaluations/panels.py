"""Sections contributed to the project page and to "my work" (constant queries each)."""

from marketplace.panels import Panel, register

from . import selectors


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
    context = {
        "deliveries": list(selectors.deliveries_to_log(user)[:20]),
        "parties": list(selectors.parties_waiting_for(user)[:20]),
        "evaluations": list(selectors.evaluations_to_close(user)[:20]),
        "payments": list(selectors.payments_to_release(user)[:20]),
        "contracts": list(selectors.contracts_to_set_up(user)[:20]),
    }
    return context if any(context.values()) else None


def register_panels():
    register(Panel("project", 40, "evaluations/panel_project.html", project_context))
    register(Panel("my_work", 40, "evaluations/panel_my_work.html", my_work_context))

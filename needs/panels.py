"""Sections this app adds to core pages: "my work" and the project page."""

from marketplace import panels
from marketplace import rules as core
from marketplace.models import ProjectState, Role

from . import selectors
from .models import NeedState


def my_work_context(_obj, user):
    staff = bool(selectors.staff_communities(user))
    resident = core.has_role(user, Role.RESIDENT)
    if not staff and not resident:
        return None
    return {
        "queue_count": selectors.review_queue(user).count() if staff else None,
        "needs": list(selectors.my_needs(user)[:5]) if resident else None,
    }


def project_context(project, user):
    needs = list(project.needs.exclude(state=NeedState.MERGED).order_by("pk"))
    editable = project.state in (ProjectState.DRAFT, ProjectState.RETURNED)
    return {
        "project": project,
        "needs": needs,
        "can_edit": editable and core.can_design(project, user),
    }


def register():
    panels.register(
        panels.Panel(
            slot="my_work", order=20, template="needs/panel_my_work.html", context=my_work_context
        )
    )
    panels.register(
        panels.Panel(
            slot="project", order=20, template="needs/panel_project.html", context=project_context
        )
    )

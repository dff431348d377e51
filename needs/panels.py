"""Sections this app adds to core pages: "my work" and the project page."""

from marketplace import clock, panels
from marketplace import rules as core
from marketplace.models import ProjectState, Role

from . import selectors
from .models import NeedState


def my_work_context(_obj, user):
    """Resident: my needs and what became of them, needs I follow. Community staff: needs to
    review, needs waiting for a consultation, designs returned for revision."""
    if not user.is_authenticated:
        return None
    staff = bool(selectors.staff_communities(user))
    resident = core.has_role(user, Role.RESIDENT)
    mine = panels.listing(selectors.my_needs(user), 5)
    followed = panels.listing(selectors.followed_needs(user), 5)
    if not (staff or resident or mine or followed):
        return None
    context = {"needs": mine, "followed": followed, "staff": staff, "resident": resident}
    if staff:
        queue = panels.listing(selectors.review_queue(user), 5)
        for need in queue:
            need.waiting_days = (clock.now() - need.created_at).days
        context.update(
            queue=queue,
            queue_count=queue.count,
            consult=panels.listing(selectors.needs_awaiting_consultation(user), 5),
            returned=panels.listing(selectors.designs_returned(user), 10),
        )
    return context


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

"""The project design (项目书) as a printable PDF, one kept file per design version."""

from . import rules
from .documents import DocumentKind, register
from .selectors import can_see_project


def _context(project):
    needs = getattr(project, "needs", None)  # the reverse relation needs/ adds
    return {
        "indicators": list(project.indicators.all()),
        "budget_lines": list(project.budget_lines.all()),
        "needs": list(needs.all()) if needs is not None else [],
    }


def _version(project) -> str:
    # A design changes only in draft/returned; after approval the budget is part of it.
    return f"{project.version}-{project.state}-{project.approved_budget or 0}"


PROJECT_DESIGN = register(
    DocumentKind(
        name="project-design",
        model="marketplace.Project",
        title=lambda p: f"项目书-{p.title}",
        template="documents/project_design.html",
        context=_context,
        version=_version,
        can_view=lambda p, user: can_see_project(p, user) or rules.can_view_project(p, user),
    )
)

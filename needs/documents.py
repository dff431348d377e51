"""The project design (项目书) as a printable Chinese PDF."""

import hashlib
import json

from django.utils.translation import gettext as _

from marketplace import documents, selectors
from marketplace.services.projects import design_snapshot

from .models import NeedState


def _context(project):
    return {
        "project": project,
        "needs": list(project.needs.exclude(state=NeedState.MERGED).order_by("pk")),
        "indicators": list(project.indicators.all()),
        "budget_lines": list(project.budget_lines.all()),
    }


def _version(project) -> str:
    content = {
        "design": design_snapshot(project),
        "needs": list(project.needs.values_list("pk", "title")),
        "state": project.state,
        "budget": str(project.approved_budget or ""),
        "funding": project.funding_source,
        "community": project.community.name,
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def register():
    documents.register(
        documents.DocumentKind(
            name="design",
            model="marketplace.Project",
            title=lambda p: _("项目书-%(title)s") % {"title": p.title},
            template="needs/documents/design.html",
            context=_context,
            version=_version,
            can_view=selectors.can_see_project,
        )
    )

"""Writes on projects in the design and approval stage."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ..design_versions import TEXT_FIELDS
from ..models import FundingSource, Project, ProjectDesignVersion
from ..workflow import WorkflowError, apply_transition, check_transition
from .notifications import notify


def design_snapshot(project: Project) -> dict:
    """What a submitted version keeps (read back by design_versions)."""
    return {
        **{f: getattr(project, f) for f in TEXT_FIELDS},
        "period": [str(project.period_start), str(project.period_end)],
        "indicators": [
            {"kind": i.kind, "name": i.name, "unit": i.unit, "target": str(i.target)}
            for i in project.indicators.all()
        ],
        "budget_lines": [
            {
                "item": b.item,
                "unit_price": str(b.unit_price),
                "quantity": str(b.quantity),
                "note": b.note,
            }
            for b in project.budget_lines.all()
        ],
    }


@transaction.atomic
def project_submit(*, project: Project, user) -> Project:
    project = apply_transition(project, "submit", actor=user)
    number = project.design_versions.count() + 1
    ProjectDesignVersion.objects.create(
        project=project, number=number, snapshot=design_snapshot(project), submitted_by=user
    )
    Project.objects.filter(pk=project.pk).update(version=number)
    project.version = number
    return project


@transaction.atomic
def project_approve(
    *, project: Project, user, budget: Decimal, funding_source: str, reason: str = ""
) -> Project:
    check_transition(project, "approve", user)  # a non-purchaser hears 403 whatever it typed
    if budget is None or budget <= 0:
        raise WorkflowError(_("批准预算必须大于零。"), status=400)
    if funding_source not in FundingSource.values:
        raise WorkflowError(
            _("资金来源须为：%(choices)s。")
            % {"choices": "、".join(str(label) for label in FundingSource.labels)},
            status=400,
        )
    project = apply_transition(
        project, "approve", actor=user, reason=reason, budget=budget, funding_source=funding_source
    )
    notify(
        users=[project.designer],
        title=_("项目书已批准：%(title)s") % {"title": project.title},
        body=_("批准预算 %(budget)s 元。") % {"budget": budget},
        url=reverse("project_detail", args=[project.pk]),
        key=f"project-approved-{project.pk}",
    )
    return project


@transaction.atomic
def project_return(*, project: Project, user, reason: str) -> Project:
    if not reason.strip():
        raise WorkflowError(_("退回须说明理由。"), status=400)
    project = apply_transition(project, "return_design", actor=user, reason=reason)
    notify(
        users=[project.designer],
        title=_("项目书被退回修改：%(title)s") % {"title": project.title},
        body=reason,
        url=reverse("project_detail", args=[project.pk]),
        key=f"project-returned-{project.pk}-v{project.version}",
    )
    return project

"""Project designs (项目书) written by community staff from their community's needs.

The design itself is the core Project; linking a need adopts it (Need.adopt, which needs a
consultation's go-forward decision); unlinking a need from a design still being written
releases it.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import rules as core
from marketplace.models import BudgetLine, Indicator, Place, Project, ProjectState
from marketplace.workflow import WorkflowError, apply_transition

from ..models import Need
from .needs import notify_followers

EDITABLE = (ProjectState.DRAFT, ProjectState.RETURNED)


@dataclass
class DesignFields:
    title: str
    background: str
    beneficiaries: str
    objectives: str
    service_content: str
    activity_plan: str = ""
    risks: str = ""
    period_start: date | None = None
    period_end: date | None = None
    no_need_reason: str = ""


@dataclass
class IndicatorLine:
    kind: str
    name: str
    unit: str
    target: Decimal


@dataclass
class BudgetItem:
    item: str
    unit_price: Decimal
    quantity: Decimal
    note: str = ""


def _check_origin(fields: DesignFields, needs: list[Need]) -> None:
    if not needs and not fields.no_need_reason.strip():
        raise WorkflowError(
            _("项目书应关联至少一条居民需求；没有需求的项目须说明理由。"), status=400
        )


def _write_lines(project, indicators, budget_lines) -> None:
    project.indicators.all().delete()
    project.budget_lines.all().delete()
    Indicator.objects.bulk_create(
        Indicator(project=project, kind=i.kind, name=i.name, unit=i.unit, target=i.target)
        for i in indicators
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            project=project, item=b.item, unit_price=b.unit_price, quantity=b.quantity, note=b.note
        )
        for b in budget_lines
    )


def _adopt(project, needs, user) -> None:
    for need in needs:
        if need.community_id != project.community_id:
            raise WorkflowError(_("只能关联本社区的需求。"), status=400)
        apply_transition(
            need, "adopt", actor=user, reason=_("纳入项目：%s") % project.title, project=project
        )
        notify_followers(
            need=need,
            title=_("需求已纳入项目：%(title)s") % {"title": need.title},
            body=_("项目：%(project)s") % {"project": project.title},
            key=f"need-adopted-{need.pk}-{project.pk}",
        )


@transaction.atomic
def design_create(
    *,
    user,
    community: Place,
    fields: DesignFields,
    indicators: list[IndicatorLine],
    budget_lines: list[BudgetItem],
    needs: list[Need],
    purchaser_place: Place | None = None,
) -> Project:
    if not core.is_staff_for(user, community):
        raise PermissionDenied(_("只有本社区的社区工作者可以编写项目书。"))
    _check_origin(fields, needs)
    project = Project.objects.create(
        community=community,
        purchaser_place=purchaser_place or community.parent,
        designer=user,
        **vars(fields),
    )
    _write_lines(project, indicators, budget_lines)
    _adopt(project, needs, user)
    return project


@transaction.atomic
def design_update(
    *,
    project: Project,
    user,
    fields: DesignFields,
    indicators: list[IndicatorLine],
    budget_lines: list[BudgetItem],
    needs: list[Need],
) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not core.can_design(project, user):
        raise PermissionDenied(_("只有本社区的社区工作者可以修改项目书。"))
    if project.state not in EDITABLE:
        raise WorkflowError(_("只有草稿或退回修改的项目书可以编辑。"))
    _check_origin(fields, needs)
    for name, value in vars(fields).items():
        setattr(project, name, value)
    project.save()
    _write_lines(project, indicators, budget_lines)
    wanted = {n.pk for n in needs}
    for need in project.needs.all():
        if need.pk not in wanted:
            apply_transition(need, "release", actor=user, reason=_("从项目书中移除"))
    linked = set(project.needs.values_list("pk", flat=True))
    _adopt(project, [n for n in needs if n.pk not in linked], user)
    return project


def design_url(project) -> str:
    return reverse("project_detail", args=[project.pk])

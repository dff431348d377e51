"""Community staff write a project design (项目书) from their community's needs."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from marketplace import rules as core
from marketplace.models import Place, Project
from marketplace.workflow import WorkflowError

from .. import selectors
from ..forms import BudgetLineFormSet, DesignForm, IndicatorFormSet, filled
from ..services import designs as services

FIELDS = DesignForm.Meta.fields


def _forms(request, eligible, project=None):
    data = request.POST if request.method == "POST" else None
    initial_ind = initial_bud = None
    if project is not None:
        initial_ind = list(project.indicators.values("kind", "name", "unit", "target"))
        initial_bud = list(project.budget_lines.values("item", "unit_price", "quantity", "note"))
    form = DesignForm(
        data,
        instance=project,
        eligible=eligible,
        initial={"needs": list(project.needs.all())} if project else None,
    )
    indicators = IndicatorFormSet(data, initial=initial_ind, prefix="ind")
    budget = BudgetLineFormSet(data, initial=initial_bud, prefix="bud")
    return form, indicators, budget


def _save(form, indicators, budget, **kwargs):
    data = form.cleaned_data
    return dict(
        fields=services.DesignFields(**{f: data[f] for f in FIELDS}),
        indicators=[
            services.IndicatorLine(**{k: r[k] for k in ("kind", "name", "unit", "target")})
            for r in filled(indicators)
        ],
        budget_lines=[
            services.BudgetItem(**{k: r[k] for k in ("item", "unit_price", "quantity", "note")})
            for r in filled(budget)
        ],
        needs=list(data["needs"]),
        **kwargs,
    )


def _render(request, form, indicators, budget, community, project=None):
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "indicators": indicators,
        "budget": budget,
        "community": community,
        "project": project,
    }
    return render(request, "needs/design_form.html", context, status=status)


@login_required
def design_create(request):
    communities = selectors.staff_communities(request.user)
    if not communities:
        raise PermissionDenied(_("只有社区工作者可以编写项目书。"))
    code = request.GET.get("community") or communities[0].code
    community = get_object_or_404(Place, code=code)
    if not core.is_staff_for(request.user, community) or not community.is_community:
        raise PermissionDenied
    form, indicators, budget = _forms(request, selectors.eligible_needs(community))
    if request.method == "POST" and all(f.is_valid() for f in (form, indicators, budget)):
        project = services.design_create(
            **_save(form, indicators, budget, user=request.user, community=community)
        )
        return redirect("project_detail", pk=project.pk)
    return _render(request, form, indicators, budget, community)


@login_required
def design_edit(request, pk):
    project = get_object_or_404(Project.objects.select_related("community"), pk=pk)
    if not core.can_design(project, request.user):
        raise PermissionDenied
    if project.state not in services.EDITABLE:
        raise WorkflowError(_("只有草稿或退回修改的项目书可以编辑。"))
    eligible = selectors.eligible_needs(project.community, project)
    form, indicators, budget = _forms(request, eligible, project)
    if request.method == "POST" and all(f.is_valid() for f in (form, indicators, budget)):
        project.refresh_from_db()  # the ModelForm wrote onto the instance; the service saves
        services.design_update(
            **_save(form, indicators, budget, user=request.user, project=project)
        )
        return redirect("project_detail", pk=project.pk)
    return _render(request, form, indicators, budget, project.community, project)

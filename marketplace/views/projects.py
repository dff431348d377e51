from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import design_versions, panels, rules, selectors
from ..forms import ApproveForm, ReasonForm
from ..models import Project
from ..services import projects as services
from ..workflow import available_transitions


def _project(pk):
    return get_object_or_404(
        Project.objects.select_related("community", "purchaser_place", "organisation", "designer"),
        pk=pk,
    )


def project_detail(request, pk, *, approve_form=None, return_form=None, status=200):
    project = _project(pk)
    if not selectors.can_see_project(project, request.user):
        raise PermissionDenied
    context = {
        "project": project,
        "indicators": project.indicators.all(),
        "budget_lines": project.budget_lines.all(),
        "timeline": selectors.timeline_for(project),
        "actions": available_transitions(project, request.user),
        "approve_form": approve_form or ApproveForm(initial={"budget": project.budget_total}),
        "return_form": return_form or ReasonForm(),
        "panels": panels.render_context("project", project, request.user),
        "versions": (
            selectors.design_versions(project)
            if rules.can_see_design_versions(project, request.user)
            else None
        ),
    }
    return render(request, "marketplace/project_detail.html", context, status=status)


def project_version(request, pk, number):
    """One submitted version of the design, read-only, with what changed since the one before."""
    project = _project(pk)
    if not rules.can_see_design_versions(project, request.user):
        raise PermissionDenied
    versions = {
        v.number: v for v in project.design_versions.filter(number__in=[number - 1, number])
    }
    if number not in versions:
        raise Http404
    snapshot = versions[number].snapshot
    previous = versions.get(number - 1)
    context = {
        "project": project,
        "version": versions[number],
        "sections": design_versions.text_sections(snapshot),
        "period": design_versions.period(snapshot),
        "indicators": design_versions.indicator_rows(snapshot),
        "budget_lines": design_versions.budget_rows(snapshot),
        "budget_total": design_versions.budget_total(snapshot),
        "previous": previous,
        "changes": design_versions.compare(previous.snapshot, snapshot) if previous else None,
    }
    return render(request, "marketplace/project_version.html", context)


@require_POST
def project_submit(request, pk):
    services.project_submit(project=_project(pk), user=request.user)
    return redirect("project_detail", pk=pk)


@require_POST
def project_approve(request, pk):
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return project_detail(request, pk, approve_form=form, status=400)
    services.project_approve(project=_project(pk), user=request.user, **form.cleaned_data)
    return redirect("project_detail", pk=pk)


@require_POST
def project_return(request, pk):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return project_detail(request, pk, return_form=form, status=400)
    services.project_return(project=_project(pk), user=request.user, **form.cleaned_data)
    return redirect("project_detail", pk=pk)

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import rules, selectors
from ..forms import MemberForm, OrganisationProfileForm
from ..models import Organisation
from ..services.organisations import organisation_member_add, organisation_profile_update
from ..workflow import WorkflowError


def organisation_list(request):
    orgs = selectors.public_organisations(query=request.GET.get("q", ""))
    page = Paginator(orgs, 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "can_export": rules.can_export_registers(request.user),
        "query": request.GET.urlencode() if "q" in request.GET else "",
    }
    return render(request, "marketplace/organisation_list.html", context)


def organisation_detail(request, pk, *, profile_form=None, member_form=None, status=200):
    org = get_object_or_404(Organisation.objects.select_related("place"), pk=pk)
    is_admin = rules.is_org_admin(request.user, org)
    context = {
        "org": org,
        "is_admin": is_admin,
        "members": selectors.organisation_members(org)
        if rules.is_member_of(request.user, org)
        else None,
        "profile_form": profile_form or OrganisationProfileForm(instance=org),
        "member_form": member_form or MemberForm(),
    }
    return render(request, "marketplace/organisation_detail.html", context, status=status)


@require_POST
def organisation_edit(request, pk):
    org = get_object_or_404(Organisation, pk=pk)
    if not rules.is_org_admin(request.user, org):
        raise PermissionDenied
    form = OrganisationProfileForm(request.POST, instance=org)
    if not form.is_valid():
        return organisation_detail(request, pk, profile_form=form, status=400)
    organisation_profile_update(organisation=org, user=request.user, **form.cleaned_data)
    return redirect("organisation_detail", pk=pk)


@require_POST
def organisation_member_create(request, pk):
    org = get_object_or_404(Organisation, pk=pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            organisation_member_add(organisation=org, user=request.user, **form.cleaned_data)
            return redirect("organisation_detail", pk=pk)
        except WorkflowError as exc:
            form.add_error("phone", exc.message)
    return organisation_detail(request, pk, member_form=form, status=400)

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace import rules as core
from marketplace.models import Organisation
from marketplace.workflow import available_transitions

from .. import rules, selectors
from ..forms_volunteers import (
    CertificateForm,
    VolunteerCorrectionForm,
    VolunteerForm,
    organisation_communities,
)
from ..models import Volunteer
from ..services.certificates import certificate_issue
from ..services.volunteer_corrections import volunteer_correct
from ..services.volunteers import (
    volunteer_register,
    volunteer_reject,
    volunteer_resubmit,
    volunteer_self_register,
    volunteer_verify,
)


@login_required
def volunteer_list(request):
    community = request.GET.get("community", "").strip()
    volunteers = selectors.volunteers_for(request.user, community)
    page = Paginator(volunteers, 30).get_page(request.GET.get("page"))
    organisations = Organisation.objects.filter(
        pk__in=core.organisation_ids(request.user)
    ).order_by("name")
    context = {
        "page": page,
        "organisations": organisations,
        "communities": selectors.volunteer_list_communities(selectors.volunteers_for(request.user)),
        "community": community,
        "query": urlencode({"community": community}) if community else "",
    }
    return render(request, "evaluations/volunteer_list.html", context)


@login_required
def volunteer_new(request, org):
    organisation = get_object_or_404(Organisation.objects.select_related("place"), pk=org)
    if not rules.registers_volunteers(organisation, request.user):
        raise PermissionDenied
    form = VolunteerForm(request.POST or None, communities=organisation_communities(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = volunteer_register(
                user=request.user, organisation=organisation, **form.cleaned_data
            )
            return redirect("evaluations:volunteer", pk=volunteer.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation}
    return render(request, "evaluations/volunteer_form.html", context, status=status)


@login_required
def volunteer_self_new(request):
    """A signed-in resident registers as a volunteer (unverified until community staff check)."""
    if not rules.self_registers(request.user):
        raise PermissionDenied
    existing = Volunteer.objects.filter(user=request.user).first()
    # A rejected registration is corrected and submitted again on this same page.
    resubmits = existing is not None and existing.is_rejected
    initial = {"name": request.user.name, "phone": request.user.phone}
    if resubmits:
        initial = {f: getattr(existing, f) for f in ("name", "phone", "id_number", "skills")}
        initial["communities"] = list(existing.communities.values_list("pk", flat=True))
    form = VolunteerForm(
        request.POST or None,
        communities=selectors.communities_open_to(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if resubmits:
                volunteer = volunteer_resubmit(
                    volunteer=existing, user=request.user, **form.cleaned_data
                )
            else:
                volunteer = volunteer_self_register(user=request.user, **form.cleaned_data)
            return redirect("evaluations:volunteer", pk=volunteer.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "existing": existing, "resubmits": resubmits}
    return render(request, "evaluations/volunteer_self_form.html", context, status=status)


@login_required
@require_POST
def volunteer_verify_view(request, pk):
    volunteer = get_object_or_404(Volunteer, pk=pk)
    volunteer_verify(volunteer=volunteer, user=request.user)
    return redirect("evaluations:volunteer", pk=pk)


@login_required
@require_POST
def volunteer_reject_view(request, pk):
    volunteer = get_object_or_404(Volunteer, pk=pk)
    volunteer_reject(volunteer=volunteer, user=request.user, reason=request.POST.get("reason", ""))
    return redirect("evaluations:volunteer", pk=pk)


@login_required
def volunteer_correct_view(request, pk):
    volunteer = get_object_or_404(Volunteer.objects.select_related("organisation"), pk=pk)
    if not rules.corrects_volunteer(volunteer, request.user):
        raise PermissionDenied
    initial = {f: getattr(volunteer, f) for f in ("name", "phone", "skills")}
    initial["communities"] = list(volunteer.communities.values_list("pk", flat=True))
    form = VolunteerCorrectionForm(
        request.POST or None,
        communities=selectors.correctable_communities(volunteer, request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            volunteer_correct(volunteer=volunteer, user=request.user, **form.cleaned_data)
            return redirect("evaluations:volunteer", pk=pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "volunteer": volunteer}
    return render(request, "evaluations/volunteer_correct.html", context, status=status)


def _visible_volunteer(request, pk):
    volunteer = get_object_or_404(Volunteer.objects.select_related("organisation"), pk=pk)
    service_orgs = selectors.volunteer_service_org_ids(volunteer)
    ran_activities = bool(service_orgs & core.organisation_ids(request.user))
    if not (rules.views_volunteer(volunteer, request.user) or ran_activities):
        raise PermissionDenied
    return volunteer, service_orgs


@login_required
def volunteer_detail(request, pk, *, form=None, status=200):
    volunteer, service_orgs = _visible_volunteer(request, pk)
    issuers = Organisation.objects.filter(
        pk__in=service_orgs & core.organisation_ids(request.user, {"org_admin"})
    ).order_by("name")
    context = {
        "volunteer": volunteer,
        "full": rules.sees_volunteer_identity(volunteer, request.user),
        "own": rules.is_the_volunteer(volunteer, request.user),
        "verifies": "verify" in available_transitions(volunteer, request.user),
        "rejects": "reject" in available_transitions(volunteer, request.user),
        "corrects": rules.corrects_volunteer(volunteer, request.user),
        "changes": selectors.volunteer_changes(
            volunteer, full=rules.sees_volunteer_identity(volunteer, request.user)
        ),
        "communities": volunteer.communities.order_by("code"),
        "services": selectors.services_of(volunteer),
        "certificates": selectors.certificates_of(volunteer),
        "issuers": issuers,
        "form": form or (CertificateForm() if issuers else None),
    }
    return render(request, "evaluations/volunteer_detail.html", context, status=status)


@login_required
@require_POST
def certificate_new(request, pk, org):
    volunteer, _orgs = _visible_volunteer(request, pk)
    organisation = get_object_or_404(Organisation, pk=org)
    form = CertificateForm(request.POST)
    if form.is_valid():
        try:
            certificate_issue(
                volunteer=volunteer,
                organisation=organisation,
                user=request.user,
                **form.cleaned_data,
            )
            return redirect("evaluations:volunteer", pk=pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return volunteer_detail(request, pk, form=form, status=400)


def certificate_verify(request, code):
    """Public: confirms a certificate is genuine, with no more personal data than it shows."""
    certificate = selectors.certificate_by_code(code)
    status = 200 if certificate else 404
    context = {"certificate": certificate, "code": code}
    return render(request, "evaluations/certificate_verify.html", context, status=status)

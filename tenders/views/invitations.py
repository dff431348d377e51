"""邀请招标: the purchaser's list of invited organisations (add, remove) in the draft."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import rules
from ..models import Invitation, Tender
from ..panel_forms import InvitationForm
from ..services import invitations as services


@login_required
def invitations(request, pk):
    tender = get_object_or_404(Tender.objects.select_related("project"), pk=pk)
    if not rules.can_decide(tender, request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_add(
            tender=tender, user=request.user, credit_code=form.cleaned_data["credit_code"]
        )
        return redirect("tenders:invitations", pk=pk)
    context = {
        "tender": tender,
        "form": form,
        "invitations": tender.invitations.select_related("organisation"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "tenders/invitations.html", context, status=status)


@login_required
@require_POST
def invitation_remove(request, pk):
    invitation = get_object_or_404(Invitation.objects.select_related("tender__project"), pk=pk)
    if not rules.can_decide(invitation.tender, request.user):
        raise PermissionDenied
    services.invitation_remove(invitation=invitation, user=request.user)
    return redirect("tenders:invitations", pk=invitation.tender_id)

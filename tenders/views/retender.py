"""流标后重新采购: same terms, or another method with the approval recorded."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from .. import rules
from ..models import Tender
from ..panel_forms import RetenderForm
from ..services.retender import tender_retender


@login_required
def retender(request, pk):
    tender = get_object_or_404(Tender.objects.select_related("project"), pk=pk)
    if not rules.can_decide(tender, request.user):
        raise PermissionDenied
    form = RetenderForm(request.POST or None, tender=tender)
    if request.method == "POST" and form.is_valid():
        new = tender_retender(tender=tender, user=request.user, **form.cleaned_data)
        return redirect("tenders:detail", pk=new.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "tenders/retender_form.html", {"tender": tender, "form": form}, status=status
    )

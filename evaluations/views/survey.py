import segno
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from marketplace import rules as core

from ..forms import SurveyForm
from ..models import EvaluationParty
from ..services import surveys as services


def respond(request, token):
    """The residents' survey, reached by link or QR code; no login needed."""
    party = services.party_for_token(token)
    form = SurveyForm(request.POST or None)
    context = {"party": party, "project": party.evaluation.delivery.project, "form": form}
    if not services.survey_is_open(party):
        return render(request, "evaluations/survey_closed.html", context)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        phone, comment = data.pop("phone"), data.pop("comment")
        services.survey_respond(
            party=party, user=request.user, phone=phone, answers=data, comment=comment
        )
        return render(request, "evaluations/survey_thanks.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluations/survey.html", context, status=status)


@login_required
def notice(request, pk):
    """A printable notice with the survey link and its QR code (community staff, purchaser)."""
    party = get_object_or_404(
        EvaluationParty.objects.select_related("evaluation__delivery__project__community"), pk=pk
    )
    project = party.evaluation.delivery.project
    if not (
        core.is_staff_for(request.user, project.community) or core.can_decide(project, request.user)
    ):
        raise PermissionDenied
    url = request.build_absolute_uri(
        reverse("evaluations:survey", args=[services.survey_token(party)])
    )
    qr = segno.make(url, error="m").svg_inline(scale=5, title="满意度调查二维码")
    mean, count = services.survey_mean(party)
    context = {
        "party": party,
        "project": project,
        "url": url,
        "qr": mark_safe(qr),
        "mean": mean,
        "count": count,
        "open": services.survey_is_open(party),
        "staff": core.is_staff_for(request.user, project.community),
    }
    return render(request, "evaluations/survey_notice.html", context)


@login_required
@require_POST
def close(request, pk):
    party = get_object_or_404(EvaluationParty, pk=pk)
    services.survey_close(party=party, user=request.user)
    return redirect("evaluations:evaluation", pk=party.evaluation_id)

"""Questions from organisations, the purchaser's answers, clarifications or changes."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace.models import Organisation

from .. import rules
from ..award_forms import AnswerForm, ClarificationForm, QuestionForm
from ..models import Question, Tender
from ..services import clarifications as services


def _tender(pk) -> Tender:
    return get_object_or_404(Tender.objects.select_related("project"), pk=pk)


@login_required
def question_ask(request, pk):
    tender = _tender(pk)
    organisations = Organisation.objects.filter(pk__in=rules.bidder_organisation_ids(request.user))
    if not organisations.exists() or not rules.can_see_tender(tender, request.user):
        raise PermissionDenied
    form = QuestionForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        services.question_ask(tender=tender, user=request.user, **form.cleaned_data)
        return redirect("tenders:detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"tender": tender, "form": form}
    return render(request, "tenders/question_form.html", context, status=status)


@login_required
@require_POST
def question_answer(request, pk):
    question = get_object_or_404(Question.objects.select_related("tender__project"), pk=pk)
    if not rules.can_decide(question.tender, request.user):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        context = {"tender": question.tender, "question": question, "form": form}
        return render(request, "tenders/answer_form.html", context, status=400)
    services.question_answer(question=question, user=request.user, **form.cleaned_data)
    return redirect("tenders:detail", pk=question.tender_id)


@login_required
def clarification_publish(request, pk):
    tender = _tender(pk)
    if not rules.can_decide(tender, request.user):
        raise PermissionDenied
    form = ClarificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.clarification_publish(tender=tender, user=request.user, **form.cleaned_data)
        return redirect("tenders:detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"tender": tender, "form": form}
    return render(request, "tenders/clarification_form.html", context, status=status)

"""Community staff: the review queue (publish / reject / merge) and consultations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import rules as core
from marketplace.forms import ReasonForm
from marketplace.models import Place
from marketplace.workflow import WorkflowError

from .. import rules, selectors
from ..forms import ConsultationForm, MergeForm, participant_formset
from ..models import Consultation, Need
from ..services import needs as services
from ..services.consultations import consultation_record


def _staff_only(user):
    if not selectors.staff_communities(user):
        raise PermissionDenied(_("只有社区工作者可以审核需求。"))


QUEUE_PAGE_SIZE = 50


@login_required
def review_queue(request):
    _staff_only(request.user)
    page = Paginator(selectors.review_queue(request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "queue": page.object_list,
        "reason_form": ReasonForm(),
        "targets": list(selectors.merge_targets(request.user)),
        "communities": selectors.staff_communities(request.user),
    }
    return render(request, "needs/review_queue.html", context)


def _need(pk):
    return get_object_or_404(Need.objects.select_related("community", "author"), pk=pk)


@require_POST
@login_required
def need_publish(request, pk):
    services.need_publish(need=_need(pk), user=request.user)
    messages.success(request, _("已公开。"))
    return redirect("needs:review")


@require_POST
@login_required
def need_bulk_publish(request):
    """Bulk review of the ticked needs: publish them, or mark them out of scope with a reason."""
    ids = [int(i) for i in request.POST.getlist("need") if i.isdigit()]
    needs = list(Need.objects.filter(pk__in=ids).select_related("community"))
    if not needs:
        messages.error(request, _("请先勾选需求。"))
        return redirect("needs:review")
    if request.POST.get("action") == "out_of_scope":
        reason = request.POST.get("reason", "")
        count = services.need_out_of_scope_many(needs=needs, user=request.user, reason=reason)
        messages.success(request, _("已将 %(n)d 条需求标记为不属于服务范围。") % {"n": count})
    else:
        count = services.need_publish_many(needs=needs, user=request.user)
        messages.success(request, _("已公开 %(n)d 条需求。") % {"n": count})
    return redirect("needs:review")


@require_POST
@login_required
def need_reject(request, pk):
    need = _need(pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("不予公开须说明理由。"))
        return redirect("needs:review")
    services.need_reject(need=need, user=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("已标记为未通过，提出人会看到理由。"))
    return redirect("needs:review")


def _back(request, need):
    """Back to the need's page when the step was taken there, else to the queue."""
    if request.POST.get("back") == "detail":
        return redirect("needs:detail", pk=need.pk)
    return redirect("needs:review")


@require_POST
@login_required
def need_out_of_scope(request, pk):
    need = _need(pk)
    services.need_mark_out_of_scope(
        need=need, user=request.user, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("已标记为不属于服务范围，提出人和关注者会看到理由。"))
    return _back(request, need)


@require_POST
@login_required
def need_merge(request, pk):
    """Merge from the queue or from a published need's page (the service checks the target)."""
    need = _need(pk)
    if not rules.can_review(need, request.user):
        raise PermissionDenied(_("只有该需求所在社区的社区工作者可以合并需求。"))
    form = MergeForm(request.POST)
    if not form.is_valid():
        raise WorkflowError(_("请选择要合并到的需求。"), status=400)
    services.need_merge(need=need, user=request.user, **form.cleaned_data)
    messages.success(request, _("已合并，附议和关注者已转入。"))
    return _back(request, need)


@login_required
def consultation_list(request):
    _staff_only(request.user)
    consultations = selectors.consultations_for(request.user)
    page = Paginator(consultations, 20).get_page(request.GET.get("page"))
    return render(request, "needs/consultation_list.html", {"page": page})


@login_required
def consultation_detail(request, pk):
    consultation = get_object_or_404(
        Consultation.objects.select_related("community", "held_by"), pk=pk
    )
    if not core.is_staff_for(request.user, consultation.community):
        raise PermissionDenied(_("只有本社区的社区工作者可以查看协商记录。"))
    context = {
        "consultation": consultation,
        "groups": selectors.participant_groups(consultation),
        "decisions": selectors.consultation_decisions(consultation),
    }
    return render(request, "needs/consultation_detail.html", context)


@login_required
def consultation_create(request):
    communities = selectors.staff_communities(request.user)
    if not communities:
        raise PermissionDenied(_("只有社区工作者可以记录协商。"))
    code = request.GET.get("community") or communities[0].code
    community = get_object_or_404(Place, code=code)
    if not core.is_staff_for(request.user, community):
        raise PermissionDenied
    agenda = selectors.agenda_needs(community)
    organisations = selectors.participant_organisations(community)
    more = request.method == "POST" and "more" in request.POST
    if more:  # "再加几行": offer back what was typed, with more empty rows, nothing saved
        form = ConsultationForm(initial=request.POST.dict(), agenda=agenda)
    else:
        form = ConsultationForm(request.POST or None, agenda=agenda)
    people = participant_formset(
        request.POST if request.method == "POST" else None, organisations=organisations, more=more
    )
    if request.method == "POST" and not more and all([form.is_valid(), people.is_valid()]):
        data = {k: form.cleaned_data[k] for k in ("date", "place", "minutes")}
        consultation_record(
            user=request.user,
            community=community,
            participants=people.participants(),
            decisions=form.decisions(),
            **data,
        )
        messages.success(request, _("协商记录已保存。"))
        return redirect("needs:consultations")
    status = 400 if request.method == "POST" and not more else 200
    context = {"form": form, "people": people, "community": community, "communities": communities}
    return render(request, "needs/consultation_form.html", context, status=status)

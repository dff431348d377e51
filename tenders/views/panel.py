"""Panel pages: appointment, declarations, eligibility, scores, the report's confirmation."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from marketplace.models import Role, User
from marketplace.workflow import WorkflowError

from .. import panel_rules, panel_selectors, rules, selectors
from ..forms import ScoreForm
from ..models import EligibilityCheck, Score, Tender
from ..panel_forms import DeclarationForm, EligibilityForm, PanelForm
from ..services import conflicts as conflict_services
from ..services import eligibility as eligibility_services
from ..services import panel as panel_services


def _tender(pk):
    return get_object_or_404(Tender.objects.select_related("project"), pk=pk)


def _page(request, template, context):
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def _representatives(tender):
    """Purchaser staff whose scope covers the project (candidates for 采购人代表)."""
    people = User.objects.filter(role_assignments__role=Role.PURCHASER).distinct().order_by("pk")
    ids = [p.pk for p in people if rules.can_decide(tender, p)]
    return User.objects.filter(pk__in=ids).order_by("pk")


@login_required
def panel_appoint(request, pk):
    tender = _tender(pk)
    if not rules.can_decide(tender, request.user):
        raise PermissionDenied
    members = list(tender.panel.filter(has_conflict=False))
    initial = {
        "evaluators": [m.evaluator_id for m in members if m.kind == panel_rules.EXPERT],
        "representatives": [m.evaluator_id for m in members if m.kind != panel_rules.EXPERT],
    }
    rule = panel_rules.describe(tender.method, tender.ceiling_price, tender.is_complex)
    form = PanelForm(
        request.POST or None, initial=initial, rule=rule, representatives=_representatives(tender)
    )
    if request.method == "POST" and form.is_valid():
        try:
            panel_services.panel_appoint(tender=tender, user=request.user, **form.cleaned_data)
            return redirect("tenders:detail", pk=pk)
        except WorkflowError as exc:
            if exc.status != 400:
                raise
            form.add_error(None, exc.message)  # shown above the choices, which are kept
    context = {"tender": tender, "form": form, "rule": rule}
    return _page(request, "tenders/panel_form.html", context)


def _seat(request, tender):
    seat = selectors.seat_of(request.user, tender)
    if seat is None:
        raise PermissionDenied
    return seat


@login_required
def panel_declare(request, pk):
    tender = _tender(pk)
    seat = _seat(request, tender)
    form = DeclarationForm(request.POST or None, organisations=panel_selectors.bidders(tender))
    if request.method == "POST" and form.is_valid():
        conflict_services.panel_declare(member=seat, user=request.user, ties=form.ties())
        return redirect("tenders:detail", pk=pk)
    return _page(request, "tenders/declare_form.html", {"tender": tender, "form": form})


@login_required
def panel_eligibility(request, pk):
    tender = _tender(pk)
    seat = _seat(request, tender)
    bids = list(tender.valid_bids().select_related("organisation"))
    existing = {c.bid_id: c for c in EligibilityCheck.objects.filter(member=seat)}
    form = EligibilityForm(request.POST or None, bids=bids, existing=existing)
    if request.method == "POST" and form.is_valid():
        eligibility_services.eligibility_submit(
            member=seat, user=request.user, verdicts=form.verdicts()
        )
        return redirect("tenders:detail", pk=pk)
    context = {"tender": tender, "form": form, "eligibility": tender.eligibility}
    return _page(request, "tenders/eligibility_form.html", context)


@login_required
def panel_score(request, pk):
    tender = _tender(pk)
    seat = _seat(request, tender)
    if seat.has_conflict or seat.declared_at is None:
        raise PermissionDenied
    qualified = panel_selectors.qualified_bid_ids(tender)
    bids = list(tender.valid_bids().filter(pk__in=qualified).select_related("organisation"))
    criteria = list(tender.criteria.all())
    existing = {(s.bid_id, s.criterion_id): s.value for s in Score.objects.filter(member=seat)}
    form = ScoreForm(request.POST or None, bids=bids, criteria=criteria, existing=existing)
    if request.method == "POST" and form.is_valid():
        panel_services.scores_submit(member=seat, user=request.user, values=form.values())
        return redirect("tenders:detail", pk=pk)
    context = {"tender": tender, "form": form, "criteria": criteria}
    return _page(request, "tenders/score_form.html", context)


@login_required
@require_POST
def report_confirm(request, pk):
    tender = _tender(pk)
    panel_services.report_confirm(member=_seat(request, tender), user=request.user)
    return redirect("tenders:detail", pk=pk)

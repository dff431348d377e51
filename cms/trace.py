"""Reads for the public project page (项目全程公开): one project from its needs to its case.

A constant number of queries whatever the number of needs, bids, logs or payments. Nothing
personal is read into the page: no names of residents, designers, scorers or team members,
no phones; bids only after their tender was opened (the seal holds until the opening step).
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from evaluations.models import (
    Delivery,
    DeliveryState,
    Evaluation,
    EvaluationState,
    PaymentItem,
    PaymentState,
)
from evaluations.progress import indicator_progress
from evaluations.selectors import indicator_totals
from marketplace import clock
from marketplace.models import Project
from marketplace.selectors import PUBLIC_PROJECT_STATES
from needs.models import Need
from needs.models.need import PUBLIC_STATES as PUBLIC_NEED_STATES
from tenders.models import Bid, BidState, Clarification, Tender

from .figures import project_figures
from .models import CasePage, NoticePage

OPENED_BIDS = [BidState.VALID, BidState.INVALID]


@dataclass
class TenderTrace:
    tender: Tender
    bids: list = field(default_factory=list)  # empty while sealed
    contract: object = None
    notices: list = field(default_factory=list)


def public_project(pk: int) -> Project:
    project = (
        Project.objects.select_related("community", "purchaser_place", "organisation")
        .filter(pk=pk, state__in=PUBLIC_PROJECT_STATES)
        .first()
    )
    if project is None:
        raise Http404("no public project")
    return project


def _tenders(project) -> list[TenderTrace]:
    tenders = list(
        Tender.objects.filter(project=project)
        .select_related("winning_bid__organisation", "contract__organisation")
        .order_by("created_at", "pk")
    )
    opened = [t.pk for t in tenders if not t.is_sealed]
    bids: dict[int, list] = {}
    if opened:
        for bid in (
            Bid.objects.filter(tender_id__in=opened, state__in=OPENED_BIDS)
            .select_related("organisation")
            .only("tender_id", "price", "digest", "state", "organisation__name")
            .order_by("price", "pk")
        ):
            bids.setdefault(bid.tender_id, []).append(bid)
    traces = []
    for tender in tenders:
        contract = getattr(tender, "contract", None)
        traces.append(TenderTrace(tender, bids.get(tender.pk, []), contract))
    return traces


def _notices(traces, evaluations):
    """The notices of the project's tenders, their clarifications and contracts, and of its
    closed evaluations (one query: the clarifications are a subquery)."""
    tender_ids = [t.tender.pk for t in traces]
    contract_ids = [t.contract.pk for t in traces if t.contract is not None]
    evaluation_ids = [e.pk for e in evaluations]
    scope = Q(pk__in=[])
    if tender_ids:
        clarifications = Clarification.objects.filter(tender_id__in=tender_ids).values("pk")
        scope |= _about("tenders", "tender", tender_ids)
        scope |= _about("tenders", "clarification", clarifications)
    if contract_ids:
        scope |= _about("tenders", "contract", contract_ids)
    if evaluation_ids:
        scope |= _about("evaluations", "evaluation", evaluation_ids)
    return list(NoticePage.objects.live().public().filter(scope).order_by("step_at", "pk"))


def _about(app_label, model, ids) -> Q:
    return Q(subject_type__app_label=app_label, subject_type__model=model, subject_id__in=ids)


def _progress(indicators, delivery):
    if delivery is None:
        return []
    indicators = [(i.pk, i.name, i.unit, i.target) for i in indicators]
    contract = delivery.contract
    return indicator_progress(
        indicators,
        indicator_totals(delivery),
        start=contract.start_date,
        end=contract.end_date,
        today=clock.today() if delivery.state != DeliveryState.COMPLETED else None,
    )


def project_trace(pk: int) -> dict:
    project = public_project(pk)
    needs = list(
        Need.objects.filter(project=project, state__in=PUBLIC_NEED_STATES)
        .select_related("community")
        .only(
            "title",
            "category",
            "state",
            "endorsement_count",
            "people_count",
            "community__path_name",
        )
        .order_by("-endorsement_count", "pk")
    )
    traces = _tenders(project)
    delivery = (
        Delivery.objects.filter(project=project).select_related("contract").order_by("-pk").first()
    )
    evaluations = list(
        Evaluation.objects.filter(
            delivery__project=project,
            state__in=[EvaluationState.CLOSED_PASS, EvaluationState.CLOSED_FAIL],
        )
        .prefetch_related("parties__score")
        .order_by("closed_at", "pk")
    )
    payments = list(
        PaymentItem.objects.filter(contract__project=project, state=PaymentState.RELEASED)
        .only("label", "amount", "percentage", "released_at")
        .order_by("released_at", "pk")
    )
    indicators = list(project.indicators.all())
    budget_lines = list(project.budget_lines.all())
    case = CasePage.objects.live().public().filter(project=project).order_by("-pk").first()
    return {
        "project": project,
        "needs": needs,
        "indicators": indicators,
        "budget_lines": budget_lines,
        "budget_total": sum((line.amount for line in budget_lines), 0),
        "tenders": traces,
        "notices": _notices(traces, evaluations),
        "delivery": delivery,
        "progress": _progress(indicators, delivery),
        "figures": project_figures(project) if delivery is not None else None,
        "evaluations": evaluations,
        "payments": payments,
        "paid_total": sum((p.amount for p in payments), 0),
        "case": case,
    }

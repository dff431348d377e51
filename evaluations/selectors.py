"""Reads for delivery, evaluation and payment pages and panels (constant queries)."""

from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum

from marketplace import clock
from marketplace import rules as core
from marketplace.models import Role

from . import duedates, rules
from .models import (
    Delivery,
    DeliveryLog,
    DeliveryState,
    Evaluation,
    EvaluationParty,
    EvaluationState,
    PartyKind,
    PartyScore,
    PaymentItem,
    PaymentState,
    SurveyResponse,
    TeamMember,
    VolunteerService,
)
from .progress import indicator_progress


def delivery_with_context(pk):
    return Delivery.objects.select_related(
        "project__community", "project__purchaser_place", "contract__organisation"
    ).get(pk=pk)


def delivery_for_project(project):
    return (
        Delivery.objects.select_related("contract__organisation")
        .filter(project=project)
        .order_by("-pk")
        .first()
    )


def indicator_totals(delivery) -> dict:
    """{indicator id: sum of the current versions' counts} in one aggregate query."""
    rows = (
        DeliveryLog.objects.filter(delivery=delivery, is_current=True)
        .values("indicator")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {r["indicator"]: r["total"] for r in rows}


def progress_for(delivery):
    project = delivery.project
    indicators = [(i.pk, i.name, i.unit, i.target) for i in project.indicators.all()]
    contract = delivery.contract
    return indicator_progress(
        indicators,
        indicator_totals(delivery),
        start=contract.start_date,
        end=contract.end_date,
        today=clock.today() if delivery.state != DeliveryState.COMPLETED else None,
    )


def team_for(delivery):
    return TeamMember.objects.filter(delivery=delivery).select_related("user")


def current_logs(delivery):
    return (
        DeliveryLog.objects.filter(delivery=delivery, is_current=True)
        .select_related("author", "indicator")
        .order_by("-date", "-pk")
    )


def log_history(log):
    """Every version of the chain that `log` belongs to, newest first (walks back by FK)."""
    chain, current = [], log
    while current is not None:
        chain.append(current)
        current = current.supersedes
    return chain


def volunteer_hours_of(log) -> Decimal:
    """The sum of the volunteer services recorded on every version of the log's chain."""
    chain = [v.pk for v in log_history(log)]
    total = VolunteerService.objects.filter(log__in=chain).aggregate(h=Sum("hours"))["h"]
    return (total or Decimal("0")).quantize(Decimal("0.1"))


def log_totals(delivery) -> dict:
    return DeliveryLog.objects.filter(delivery=delivery, is_current=True).aggregate(
        logs=Count("pk"),
        service_hours=Sum("service_hours"),
        volunteer_hours=Sum("volunteer_hours"),
        beneficiaries=Sum("beneficiaries"),
    )


def evaluations_for(delivery):
    return (
        Evaluation.objects.filter(delivery=delivery)
        .prefetch_related("parties__scorer", "parties__score", "parties__criteria__score")
        .order_by("opened_at", "pk")
    )


def payments_for(contract):
    return PaymentItem.objects.filter(contract=contract).order_by("pk")


def passed_gates(delivery) -> set[str]:
    """The evaluation kinds that have passed for the delivery (for release buttons)."""
    return set(
        Evaluation.objects.filter(delivery=delivery, state=EvaluationState.CLOSED_PASS)
        .values_list("kind", flat=True)
        .distinct()
    )


# "My work": what waits for this user.
def deliveries_to_log(user):
    return (
        Delivery.objects.filter(
            team__user=user,
            state__in=[
                DeliveryState.IN_DELIVERY,
                DeliveryState.UNDER_EVALUATION,
                DeliveryState.RECTIFYING,
            ],
            contract__organisation_id__in=core.organisation_ids(user),
        )
        .select_related("project")
        .distinct()
    )


def _purchaser_scope(user, prefix="delivery__project__"):
    scope = Q(pk__in=[])
    for place in core.places_for(user, Role.PURCHASER):
        scope |= Q(**{f"{prefix}purchaser_place__code__startswith": place.prefix})
    return scope


def evaluations_to_close(user):
    return (
        Evaluation.objects.filter(_purchaser_scope(user), state=EvaluationState.OPEN)
        .select_related("delivery__project")
        .annotate(missing=Count("parties", filter=Q(parties__score__isnull=True)))
    )


def payments_ready():
    """Pending instalments whose condition holds (signing, or the gating evaluation passed)."""
    passed = Evaluation.objects.filter(
        delivery__contract=OuterRef("contract"), state=EvaluationState.CLOSED_PASS
    )
    return PaymentItem.objects.filter(state=PaymentState.PENDING).filter(
        Q(gate="signing")
        | Q(Exists(passed.filter(kind="mid")), gate="mid_pass")
        | Q(Exists(passed.filter(kind="final")), gate="final_pass")
    )


def payments_to_release(user):
    return (
        payments_ready()
        .filter(_purchaser_scope(user, "contract__project__"))
        .select_related("contract__project", "contract__delivery")
    )


def parties_waiting_for(user):
    if not user.is_authenticated:
        return EvaluationParty.objects.none()
    scope = Q(scorer=user)
    for place in core.places_for(user, Role.COMMUNITY_STAFF):
        scope |= Q(
            scorer__isnull=True,
            kind__in=[PartyKind.COMMUNITY, PartyKind.RESIDENTS],
            evaluation__delivery__project__community__code__startswith=place.prefix,
        )
    return (
        EvaluationParty.objects.filter(scope, evaluation__state=EvaluationState.OPEN)
        .exclude(Exists(PartyScore.objects.filter(party=OuterRef("pk"))))
        .select_related("evaluation__delivery__project")
    )


def contract_to_set_up(project, user):
    """The signed contract of a contracted project without a delivery, if `user` may set it up."""
    from marketplace.models import ProjectState
    from tenders.models import Contract, ContractState

    if project.state != ProjectState.CONTRACTED:
        return None
    if not (core.is_org_admin(user, project.organisation) or core.can_decide(project, user)):
        return None
    return Contract.objects.filter(
        project=project, state=ContractState.SIGNED, delivery__isnull=True
    ).first()


def contracts_to_set_up(user):
    from tenders.models import Contract, ContractState

    org_ids = core.organisation_ids(user, {Role.ORG_ADMIN})
    return Contract.objects.filter(
        organisation_id__in=org_ids, state=ContractState.SIGNED, delivery__isnull=True
    ).select_related("project")


def can_view_delivery(delivery, user) -> bool:
    from marketplace.selectors import can_see_project

    return can_see_project(delivery.project, user) or rules.decides(delivery, user)


# Volunteers: in volunteer_selectors.py, re-exported here for pages and panels.
from .volunteer_selectors import (  # noqa: E402, F401
    certificate_by_code,
    certificates_of,
    communities_open_to,
    correctable_communities,
    log_evidence,
    log_volunteer_services,
    services_of,
    volunteer_changes,
    volunteer_figures,
    volunteer_list_communities,
    volunteer_of,
    volunteer_service_org_ids,
    volunteers_for,
    volunteers_for_delivery,
    volunteers_to_verify,
)


def scores_delivery(delivery, user) -> bool:
    """Whether `user` is a named scorer of one of the delivery's evaluations."""
    return (
        user.is_authenticated
        and EvaluationParty.objects.filter(evaluation__delivery=delivery, scorer=user).exists()
    )


def overdue_milestones(delivery) -> list[str]:
    """Labels of the evaluation milestones past due (none once delivery has ended)."""
    from . import schedule
    from .models import EvaluationKind

    if delivery.state in (DeliveryState.COMPLETED, DeliveryState.TERMINATED):
        return []
    contract = delivery.contract
    kinds = schedule.overdue_milestones(
        contract.start_date, contract.end_date, clock.today(), passed_gates(delivery)
    )
    return [EvaluationKind(k).label for k in kinds]


# "My work" additions: due dates, surveys, organisations' deliveries, community progress.
def with_scoring_due(items, evaluation=lambda x: x):
    items = list(items)
    for item in items:
        item.due = duedates.scoring_due(evaluation(item).opened_at)
    return items


def surveys_waiting_for(user):
    """Open residents' surveys of projects in the user's resident places not yet answered."""
    scope = Q(pk__in=[])
    for place in core.places_for(user, Role.RESIDENT):
        scope |= Q(evaluation__delivery__project__community__code__startswith=place.prefix)
    answered = SurveyResponse.objects.filter(party=OuterRef("pk"), user=user)
    return (
        EvaluationParty.objects.filter(
            scope, kind=PartyKind.RESIDENTS, evaluation__state=EvaluationState.OPEN
        )
        .exclude(Exists(PartyScore.objects.filter(party=OuterRef("pk"))))
        .exclude(Exists(answered))
        .select_related("evaluation__delivery__project")
        .order_by("evaluation__opened_at", "pk")
    )


LIVE = [DeliveryState.IN_DELIVERY, DeliveryState.RECTIFYING, DeliveryState.UNDER_EVALUATION]


def organisation_deliveries(user):
    """Deliveries of the user's organisations still running, with the latest log date."""
    return (
        Delivery.objects.filter(
            contract__organisation_id__in=core.organisation_ids(user), state__in=LIVE
        )
        .annotate(last_log=Max("logs__date", filter=Q(logs__is_current=True)))
        .select_related("project", "contract")
        .order_by("rectification_deadline", "pk")
    )


def with_log_due(deliveries):
    """Deliveries with `.log_due` (in delivery or rectifying) and `.overdue` set."""
    deliveries = list(deliveries)
    today = clock.today()
    for d in deliveries:
        d.log_due = duedates.log_due(d.last_log, d.contract.start_date)
        d.overdue = d.log_due < today or (
            d.rectification_deadline is not None and d.rectification_deadline < today
        )
    return deliveries


def community_deliveries(user):
    """Deliveries of projects in the user's communities (community staff)."""
    scope = Q(pk__in=[])
    for place in core.places_for(user, Role.COMMUNITY_STAFF):
        scope |= Q(project__community__code__startswith=place.prefix)
    return (
        Delivery.objects.filter(scope)
        .exclude(state=DeliveryState.TERMINATED)
        .select_related("project", "contract")
        .order_by("-created_at", "-pk")
    )


def with_progress(deliveries):
    """Each delivery's `.percent`: the mean of its indicators' progress (two queries in all)."""
    from marketplace.models import Indicator

    deliveries = list(deliveries)
    indicators: dict[int, list] = {}
    for i in Indicator.objects.filter(project__in=[d.project_id for d in deliveries]):
        indicators.setdefault(i.project_id, []).append((i.pk, i.name, i.unit, i.target))
    totals: dict[int, dict] = {}
    for r in (
        DeliveryLog.objects.filter(delivery__in=deliveries, is_current=True)
        .values("delivery", "indicator")
        .annotate(total=Sum("count"))
        .order_by()
    ):
        totals.setdefault(r["delivery"], {})[r["indicator"]] = r["total"]
    for d in deliveries:
        rows = indicator_progress(indicators.get(d.project_id, []), totals.get(d.pk, {}))
        d.percent = round(sum(r.bar for r in rows) / len(rows)) if rows else 0
    return deliveries

"""The monitored figures for a place, each one aggregate query grouped by code prefix.

Definitions (shown on the page too):
- An organisation *serves* a community when it is registered at that community or holds a
  contract (signed, or signed then terminated) for a project located in it.
- A community *has a qualified social worker* when a team member holding 助理社会工作师 or
  above works on a delivery of a project in it that is not terminated and whose contract
  has not ended more than 12 months ago.
- A need is *answered within 30 days* when a staff decision (publish, reject or merge) is
  recorded within 30 days of its submission; the share counts the needs submitted at least
  30 days ago, leaving out those their author withdrew before any answer.
- Shares adopted / fulfilled count the needs received less the withdrawn and the merged.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Substr
from django.db.models.lookups import GreaterThanOrEqual

from evaluations.models import (
    DeliveryState,
    Evaluation,
    EvaluationState,
    Grade,
    PaymentItem,
    PaymentState,
    SurveyResponse,
    TeamMember,
)
from evaluations.models.delivery import QUALIFIED
from marketplace import clock
from marketplace.models import (
    FundingSource,
    Organisation,
    Place,
    PlaceLevel,
    Project,
    ProjectState,
    TransitionRecord,
    UrbanRural,
)
from marketplace.models.place import PREFIX_LENGTH
from needs.models import Need, NeedState
from tenders.models import Contract, ContractState

from .targets import target

ANSWERS = ["publish", "reject", "merge"]
CONTRACTED = [ContractState.SIGNED, ContractState.TERMINATED]


def child_prefix_length(place: Place) -> int:
    """Codes are grouped by the prefix of the level below (a community groups by itself)."""
    return PREFIX_LENGTH.get(place.level + 1, 12)


def _count(expr="pk"):
    """COUNT(...) inside a correlated subquery (a plain function, so no GROUP BY is added)."""
    return Func(F(expr), function="COUNT", output_field=IntegerField())


def organisations_serving():
    """Per community (the outer row): how many organisations serve it (see the docstring)."""
    contracted = Contract.objects.filter(
        organisation=OuterRef("pk"),
        project__community=OuterRef(OuterRef("pk")),
        state__in=CONTRACTED,
    )
    orgs = Organisation.objects.filter(Q(place=OuterRef("pk")) | Q(Exists(contracted)))
    return Subquery(orgs.order_by().values(n=_count()), output_field=IntegerField())


def meets_org_target():
    served = organisations_serving()
    urban = Q(urban_rural=UrbanRural.URBAN)
    return (urban & Q(GreaterThanOrEqual(served, target("orgs_per_urban_community")))) | (
        ~urban & Q(GreaterThanOrEqual(served, target("orgs_per_rural_community")))
    )


def has_qualified_social_worker():
    year_ago = clock.today() - timedelta(days=365)
    workers = TeamMember.objects.filter(
        delivery__project__community=OuterRef("pk"), qualification__in=QUALIFIED
    ).exclude(
        Q(delivery__state=DeliveryState.TERMINATED) | Q(delivery__contract__end_date__lt=year_ago)
    )
    return Q(Exists(workers))


def answered_in_time():
    """The need (outer row) got a staff decision within the answer period."""
    records = TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Need),
        object_id=OuterRef("pk"),
        transition__in=ANSWERS,
        at__lte=OuterRef("created_at") + timedelta(days=target("answer_days")),
    )
    return Q(Exists(records))


@dataclass
class Row:
    """Figures for one place (a child in the table, or the place itself as the total)."""

    prefix: str
    place: Place | None = None
    communities: int = 0
    urban: int = 0
    meeting_orgs: int = 0
    with_worker: int = 0
    households: int = 0
    with_households: int = 0
    needs: int = 0
    needs_due: int = 0
    answered: int = 0
    considered: int = 0
    adopted: int = 0
    fulfilled: int = 0
    projects: int = 0
    contract_amount: Decimal = field(default_factory=lambda: Decimal("0"))

    def add(self, other: "Row") -> None:
        for name in self.__dataclass_fields__:
            if name not in ("prefix", "place"):
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def share_orgs(self):
        return share(self.meeting_orgs, self.communities)

    @property
    def share_worker(self):
        return share(self.with_worker, self.communities)

    @property
    def share_answered(self):
        return share(self.answered, self.needs_due)

    @property
    def share_adopted(self):
        return share(self.adopted, self.considered)

    @property
    def share_fulfilled(self):
        return share(self.fulfilled, self.considered)


def share(part, whole):
    """A percentage with one decimal, or None when there is nothing to measure."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def _rows(place: Place) -> dict[str, Row]:
    """Figures per child prefix: four grouped queries whatever the size of the tree."""
    n = child_prefix_length(place)
    rows: dict[str, Row] = {}

    def row(prefix):
        return rows.setdefault(prefix, Row(prefix=prefix))

    communities = Place.objects.filter(level=PlaceLevel.COMMUNITY, code__startswith=place.prefix)
    for r in (
        communities.values(child=Substr("code", 1, n))
        .annotate(
            total=Count("pk"),
            urban=Count("pk", filter=Q(urban_rural=UrbanRural.URBAN)),
            meeting=Count("pk", filter=meets_org_target()),
            worker=Count("pk", filter=has_qualified_social_worker()),
            hh=Sum("households"),
            with_households=Count("pk", filter=Q(households__isnull=False)),
        )
        .order_by()
    ):
        x = row(r["child"])
        x.communities, x.urban, x.meeting_orgs = r["total"], r["urban"], r["meeting"]
        x.with_worker, x.households = r["worker"], r["hh"] or 0
        x.with_households = r["with_households"]

    cutoff = clock.now() - timedelta(days=target("answer_days"))
    answered = answered_in_time()
    due = Q(created_at__lte=cutoff) & (~Q(state=NeedState.WITHDRAWN) | answered)
    considered = ~Q(state__in=[NeedState.WITHDRAWN, NeedState.MERGED])
    for r in (
        Need.objects.filter(community__code__startswith=place.prefix)
        .values(child=Substr("community__code", 1, n))
        .annotate(
            total=Count("pk"),
            due=Count("pk", filter=due),
            answered=Count("pk", filter=due & answered),
            considered=Count("pk", filter=considered),
            adopted=Count("pk", filter=Q(state__in=[NeedState.ADOPTED, NeedState.FULFILLED])),
            fulfilled=Count("pk", filter=Q(state=NeedState.FULFILLED)),
        )
        .order_by()
    ):
        x = row(r["child"])
        x.needs, x.needs_due, x.answered = r["total"], r["due"], r["answered"]
        x.considered, x.adopted, x.fulfilled = r["considered"], r["adopted"], r["fulfilled"]

    for r in (
        Project.objects.filter(community__code__startswith=place.prefix)
        .exclude(state__in=[ProjectState.DRAFT, ProjectState.SUBMITTED, ProjectState.RETURNED])
        .values(child=Substr("community__code", 1, n))
        .annotate(total=Count("pk"))
        .order_by()
    ):
        row(r["child"]).projects = r["total"]

    for r in (
        Contract.objects.filter(
            project__community__code__startswith=place.prefix, state__in=CONTRACTED
        )
        .values(child=Substr("project__community__code", 1, n))
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        row(r["child"]).contract_amount = r["total"] or Decimal("0")
    return rows


def place_table(place: Place) -> tuple[Row, list[Row]]:
    """(the place's totals, one row per child place with data or with communities)."""
    rows = _rows(place)
    n = child_prefix_length(place)
    children = [] if place.level == PlaceLevel.COMMUNITY else list(place.children.all())
    total = Row(prefix=place.prefix, place=place)
    for r in rows.values():
        total.add(r)
    table = []
    for child in children:
        r = rows.pop(child.code[:n], None) or Row(prefix=child.code[:n])
        r.place = child
        table.append(r)
    return total, table


def median_days_to_project(place: Place):
    """Median days from a need's submission to its adoption into a project (two queries)."""
    adopted_at = TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Need),
        object_id=OuterRef("pk"),
        transition="adopt",
    ).order_by("at")
    qs = (
        Need.objects.filter(
            community__code__startswith=place.prefix,
            state__in=[NeedState.ADOPTED, NeedState.FULFILLED],
        )
        .annotate(adopted_at=Subquery(adopted_at.values("at")[:1]))
        .filter(adopted_at__isnull=False)
        .annotate(
            delay=ExpressionWrapper(F("adopted_at") - F("created_at"), output_field=DurationField())
        )
    )
    count = qs.count()
    if not count:
        return None
    middle = list(qs.order_by("delay").values_list("delay", flat=True)[(count - 1) // 2 :][:2])
    values = middle[:1] if count % 2 else middle
    days = sum(d.total_seconds() for d in values) / len(values) / 86400
    return Decimal(days).quantize(Decimal("0.1"))


def projects_by_state(place: Place) -> list[tuple[str, int]]:
    counts = dict(
        Project.objects.filter(community__code__startswith=place.prefix)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(label, counts.get(value, 0)) for value, label in ProjectState.choices]


def contracts_by_funding(place: Place) -> list[tuple[str, Decimal, int]]:
    sums = {
        r["project__funding_source"]: r
        for r in Contract.objects.filter(
            project__community__code__startswith=place.prefix, state__in=CONTRACTED
        )
        .values("project__funding_source")
        .annotate(total=Sum("amount"), n=Count("pk"))
        .order_by()
    }
    return [
        (label, sums.get(value, {}).get("total") or Decimal("0"), sums.get(value, {}).get("n", 0))
        for value, label in FundingSource.choices
    ]


def payments_released(place: Place) -> dict:
    return PaymentItem.objects.filter(
        contract__project__community__code__startswith=place.prefix, state=PaymentState.RELEASED
    ).aggregate(total=Sum("amount"), n=Count("pk"))


def evaluation_figures(place: Place) -> dict:
    """Average total, count and the grade distribution of closed evaluations (one query)."""
    grades = {g.value: Count("pk", filter=Q(grade=g.value)) for g in Grade}
    agg = Evaluation.objects.filter(
        delivery__project__community__code__startswith=place.prefix,
        state__in=[EvaluationState.CLOSED_PASS, EvaluationState.CLOSED_FAIL],
    ).aggregate(avg=Avg("total"), n=Count("pk"), **grades)
    return {
        "average": agg["avg"] and Decimal(agg["avg"]).quantize(Decimal("0.1")),
        "count": agg["n"],
        "grades": [(g.label, agg[g.value]) for g in Grade],
    }


def satisfaction(place: Place) -> dict:
    """Residents' satisfaction surveys: the mean on a 0–100 scale and the number of answers."""
    score = ExpressionWrapper(
        (F("q_needs") + F("q_attitude") + F("q_overall")) * 100.0 / 15,
        output_field=FloatField(),
    )
    agg = SurveyResponse.objects.filter(
        party__evaluation__delivery__project__community__code__startswith=place.prefix
    ).aggregate(avg=Avg(score), n=Count("pk"))
    return {
        "average": None if agg["avg"] is None else Decimal(agg["avg"]).quantize(Decimal("0.1")),
        "count": agg["n"],
    }


def volunteers(place: Place, total: "Row") -> dict:
    """Registered volunteers serving communities in the place (the volunteer register), those
    with recorded service hours in the last 12 months, and registrations per 100 households
    where every community's household count is known."""
    from evaluations.selectors import volunteer_figures

    figures = volunteer_figures(place=place)
    agg = {"registered": figures["registered"], "active": figures["active_12m"]}
    agg["hours"] = figures["hours"]
    agg["per_100_households"] = (
        (Decimal(agg["registered"]) * 100 / total.households).quantize(Decimal("0.01"))
        if total.households and total.with_households == total.communities
        else None
    )
    return agg


def monthly(place: Place, months: int = 12) -> list[tuple[str, int, int]]:
    """(YYYY-MM, needs received, contracts signed) for the last `months` months."""
    from django.db.models.functions import TruncMonth

    today = clock.today()
    first = today.replace(day=1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    needs = dict(
        Need.objects.filter(community__code__startswith=place.prefix, created_at__date__gte=first)
        .annotate(m=TruncMonth("created_at"))
        .values_list("m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    signed = dict(
        Contract.objects.filter(
            project__community__code__startswith=place.prefix,
            state__in=CONTRACTED,
            signed_at__date__gte=first,
        )
        .annotate(m=TruncMonth("signed_at"))
        .values_list("m")
        .annotate(n=Count("pk"))
        .order_by()
    )
    needs = {k.strftime("%Y-%m"): v for k, v in needs.items()}
    signed = {k.strftime("%Y-%m"): v for k, v in signed.items()}
    out, month = [], first
    for _ in range(months):
        key = month.strftime("%Y-%m")
        out.append((key, needs.get(key, 0), signed.get(key, 0)))
        month = (month + timedelta(days=32)).replace(day=1)
    return out

"""Live figures of projects for model cases, project pages and the home page.

Read from the delivery logs and evaluations each time a page is shown: nothing is typed by
editors or copied into the CMS, so a new delivery log changes the figures at once.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from evaluations.models import DeliveryLog, Evaluation, EvaluationState, PartyKind, PartyScore

CLOSED = [EvaluationState.CLOSED_PASS, EvaluationState.CLOSED_FAIL]


@dataclass(frozen=True)
class ProjectFigures:
    activities: int
    service_hours: Decimal
    beneficiaries: int
    volunteer_hours: Decimal
    satisfaction: Decimal | None  # the residents' party score of the latest closed evaluation
    grade: str  # its grade label, "" before any evaluation closed
    total: Decimal | None

    def rows(self) -> list[tuple[str, str]]:
        rows = [
            (_("服务活动"), _("%(n)s 场次") % {"n": self.activities}),
            (_("服务时长"), _("%(n)s 小时") % {"n": _plain(self.service_hours)}),
            (_("受益人次"), _("%(n)s 人次") % {"n": self.beneficiaries}),
        ]
        if self.satisfaction is not None:
            rows.append((_("服务对象满意度"), _("%(n)s 分") % {"n": _plain(self.satisfaction)}))
        if self.grade:
            rows.append((_("评估等级"), self.grade))
        return rows


def _plain(value) -> str:
    value = Decimal(value or 0).quantize(Decimal("0.1"))
    return f"{value.normalize():f}"


def _residents_score():
    return Subquery(
        PartyScore.objects.filter(
            party__evaluation=OuterRef("pk"), party__kind=PartyKind.RESIDENTS
        ).values("score")[:1]
    )


def project_figures(project) -> ProjectFigures:
    """Two queries whatever the number of logs and evaluations."""
    totals = DeliveryLog.objects.filter(delivery__project=project, is_current=True).aggregate(
        activities=Count("pk"),
        service_hours=Sum("service_hours"),
        beneficiaries=Sum("beneficiaries"),
        volunteer_hours=Sum("volunteer_hours"),
    )
    latest = (
        Evaluation.objects.filter(delivery__project=project, state__in=CLOSED)
        .annotate(satisfaction=_residents_score())
        .order_by("-closed_at", "-pk")
        .first()
    )
    return ProjectFigures(
        activities=totals["activities"] or 0,
        service_hours=totals["service_hours"] or Decimal("0"),
        beneficiaries=totals["beneficiaries"] or 0,
        volunteer_hours=totals["volunteer_hours"] or Decimal("0"),
        satisfaction=latest.satisfaction if latest else None,
        grade=latest.get_grade_display() if latest and latest.grade else "",
        total=latest.total if latest else None,
    )


def service_hours_total() -> Decimal:
    hours = DeliveryLog.objects.filter(is_current=True).aggregate(h=Sum("service_hours"))["h"]
    return hours or Decimal("0")


def average_satisfaction() -> Decimal | None:
    """Mean of the residents' scores over every closed evaluation (None before the first)."""
    return PartyScore.objects.filter(
        party__kind=PartyKind.RESIDENTS, party__evaluation__state__in=CLOSED
    ).aggregate(a=Avg("score"))["a"]


plain = _plain

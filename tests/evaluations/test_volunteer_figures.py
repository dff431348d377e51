from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations import schedule, selectors
from evaluations.models import Evaluation
from evaluations.services.volunteer_hours import volunteer_service_record
from evaluations.signals import evaluation_concluded
from marketplace.models import Role
from tests.marketplace.factories import OrganisationFactory, UserFactory, grant

from .factories import make_volunteer
from .helpers import run_evaluation
from .test_logs import record


def test_volunteer_figures_by_place(
    delivery, social_worker, organisation, org_admin, places, django_assert_max_num_queries
):
    a = make_volunteer(organisation=organisation, user=org_admin, n=1)
    city_org = OrganisationFactory(place=places["kunming"])  # its area covers 石林县
    city_admin = grant(UserFactory(), Role.ORG_ADMIN, organisation=city_org)
    make_volunteer(organisation=city_org, user=city_admin, n=2, communities=[places["village"]])
    log = record(delivery, social_worker)
    start = timezone.make_aware(datetime.combine(log.date, time(9)))
    volunteer_service_record(
        log=log,
        user=social_worker,
        volunteer=a,
        started_at=start,
        ended_at=start + timedelta(hours=2),
    )
    with django_assert_max_num_queries(2):
        everywhere = selectors.volunteer_figures()
    assert everywhere == {"registered": 2, "active_12m": 1, "hours": Decimal("2.00")}
    assert selectors.volunteer_figures(places["huashan"]) == everywhere | {"registered": 1}
    assert selectors.volunteer_figures(places["shilin"]) == {
        "registered": 1,
        "active_12m": 0,
        "hours": Decimal("0"),
    }


def test_evaluation_concluded_signal_after_commit(
    site, delivery, purchaser, staff, third_party, django_capture_on_commit_callbacks
):
    """The signal fires after the commit (with the rest of the on-commit work: the result notice)."""
    received = []

    def listener(sender, evaluation, passed, kind, **kwargs):
        received.append((sender, evaluation.pk, passed, kind))

    evaluation_concluded.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            evaluation = run_evaluation(
                delivery, purchaser=purchaser, staff=staff, third_party=third_party, kind="final"
            )
    finally:
        evaluation_concluded.disconnect(listener)
    assert received == [(Evaluation, evaluation.pk, True, "final")]


@pytest.mark.parametrize(
    ("today", "passed", "overdue"),
    [
        (date(2026, 3, 1), set(), []),
        (date(2026, 8, 1), set(), ["mid"]),
        (date(2026, 8, 1), {"mid"}, []),
        (date(2027, 1, 5), {"mid"}, ["final"]),
        (date(2027, 1, 5), {"mid", "final"}, []),
    ],
)
def test_overdue_milestones(today, passed, overdue):
    assert (
        schedule.overdue_milestones(date(2026, 1, 1), date(2026, 12, 31), today, passed) == overdue
    )


def test_overdue_milestone_flagged_on_the_delivery_page(client, delivery, purchaser):
    contract = delivery.contract
    contract.start_date = date.today() - timedelta(days=300)
    contract.end_date = date.today() + timedelta(days=10)
    contract.save(update_fields=["start_date", "end_date"])
    client.force_login(purchaser)
    page = client.get(reverse("evaluations:delivery", args=[delivery.pk])).content.decode()
    assert "中期评估已逾期未完成" in page

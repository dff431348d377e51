from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from evaluations import selectors
from evaluations.models import DeliveryLog
from evaluations.services import logs as services
from marketplace import clock
from marketplace.workflow import WorkflowError

from .factories import second_indicator


def record(delivery, user, indicator=None, count=1, **kw):
    return services.log_record(
        delivery=delivery,
        user=user,
        indicator=indicator or delivery.project.indicators.first(),
        count=Decimal(count),
        activity=kw.pop("activity", "长者健康讲座"),
        date=kw.pop("date", clock.today() - timedelta(days=1)),
        place="翠湖西路社区活动室",
        participants=kw.pop("participants", 20),
        **kw,
    )


def test_team_member_records_and_progress_counts(delivery, social_worker):
    record(delivery, social_worker)
    record(delivery, social_worker, count=2)
    (row,) = selectors.progress_for(delivery)
    assert (row.done, row.target, row.percent) == (Decimal("3"), Decimal("40"), 7)


def test_progress_equals_the_sum_of_logs(delivery, social_worker):
    activities = delivery.project.indicators.first()
    elders = second_indicator(delivery.project)
    counts = {activities.pk: [1, 1, 2, 1], elders.pk: [15, 30, 12]}
    for indicator in (activities, elders):
        for c in counts[indicator.pk]:
            record(delivery, social_worker, indicator=indicator, count=c)
    rows = {p.indicator_id: p for p in selectors.progress_for(delivery)}
    assert rows[activities.pk].done == sum(counts[activities.pk]) == 5
    assert rows[elders.pk].done == sum(counts[elders.pk]) == 57
    assert rows[elders.pk].percent == 28  # 57 / 200


def test_correction_keeps_history_and_only_latest_counts(delivery, social_worker):
    first = record(delivery, social_worker, count=3, activity="重阳节活动")
    second = services.log_correct(
        log=first, user=social_worker, reason="场次录入错误，实为 1 场", count=Decimal("1")
    )
    assert DeliveryLog.objects.filter(delivery=delivery).count() == 2
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert second.supersedes == first and second.version == 2
    assert second.activity == "重阳节活动"  # unchanged fields carried over
    assert selectors.progress_for(delivery)[0].done == 1
    assert selectors.log_history(second) == [second, first]
    with pytest.raises(WorkflowError, match="最新版本"):
        services.log_correct(log=first, user=social_worker, reason="再改", count=Decimal("2"))


def test_correction_requires_a_reason(delivery, social_worker):
    log = record(delivery, social_worker)
    with pytest.raises(WorkflowError, match="理由"):
        services.log_correct(log=log, user=social_worker, reason=" ", count=Decimal("2"))


@pytest.mark.parametrize("who", ["org_admin", "purchaser", "outsider"])
def test_only_team_members_log(delivery, who, request):
    with pytest.raises(PermissionDenied):
        record(delivery, request.getfixturevalue(who))
    assert not DeliveryLog.objects.exists()


def test_log_refused_before_delivery_starts(organisation, purchaser, org_admin, social_worker):
    from .factories import delivery_for

    prepared = delivery_for(organisation=organisation, purchaser=purchaser, org_admin=org_admin)
    from evaluations.services.delivery import team_member_add

    team_member_add(delivery=prepared, user=org_admin, member=social_worker, role="社工")
    with pytest.raises(WorkflowError, match="不在执行中"):
        record(prepared, social_worker)


def test_indicator_of_another_project_refused(delivery, social_worker):
    from tests.marketplace.factories import ProjectFactory

    other = ProjectFactory().indicators.first()
    with pytest.raises(WorkflowError, match="不属于本项目"):
        record(delivery, social_worker, indicator=other)

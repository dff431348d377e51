from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from evaluations.models import (
    DeliveryState,
    EvaluationState,
    Grade,
    PartyKind,
    PartyScore,
)
from evaluations.services import evaluations as services
from marketplace.models import ProjectState, Role
from marketplace.workflow import WorkflowError
from tests.marketplace.factories import UserFactory, grant

from .helpers import give, open_evaluation, run_evaluation, score_all


@pytest.fixture
def evaluation(delivery, purchaser, third_party):
    return open_evaluation(delivery, purchaser, third_party)


def party(evaluation, kind):
    return evaluation.parties.get(kind=kind)


def test_open_creates_the_default_weighted_parties(evaluation, purchaser):
    rows = list(evaluation.parties.values_list("kind", "weight", "scorer"))
    assert rows == [
        ("residents", 30, None),
        ("community", 20, None),
        ("third_party", 30, party(evaluation, PartyKind.THIRD_PARTY).scorer_id),
        ("purchaser", 20, purchaser.pk),
    ]


def test_only_the_purchaser_opens(delivery, org_admin, staff, third_party):
    for user in (org_admin, staff):
        with pytest.raises(PermissionDenied):
            open_evaluation(delivery, user, third_party)


def test_weights_must_sum_to_100_and_two_parties(delivery, purchaser, third_party):
    with pytest.raises(WorkflowError, match="100"):
        open_evaluation(
            delivery, purchaser, third_party, parties=[("purchaser", 50), ("residents", 40)]
        )
    with pytest.raises(WorkflowError, match="至少两个"):
        open_evaluation(delivery, purchaser, third_party, parties=[("purchaser", 100)])


def test_final_needs_the_residents_party(delivery, purchaser, third_party):
    with pytest.raises(WorkflowError, match="服务对象满意度"):
        open_evaluation(
            delivery,
            purchaser,
            third_party,
            kind="final",
            parties=[("third_party", 50), ("purchaser", 50)],
        )


def test_third_party_from_the_delivering_org_refused(delivery, purchaser, organisation):
    insider = grant(UserFactory(), Role.EVALUATOR)
    grant(insider, Role.ORG_MEMBER, organisation=organisation)
    with pytest.raises(WorkflowError, match="不得与承接组织存在关联"):
        open_evaluation(delivery, purchaser, insider)


def test_third_party_who_joined_the_org_cannot_score(evaluation, third_party, organisation):
    grant(third_party, Role.ORG_MEMBER, organisation=organisation)
    with pytest.raises(WorkflowError, match="承接组织成员"):
        give(party=party(evaluation, PartyKind.THIRD_PARTY), user=third_party, score=90)
    assert not PartyScore.objects.exists()


def test_each_party_scores_once(evaluation, purchaser):
    p = party(evaluation, PartyKind.PURCHASER)
    give(party=p, user=purchaser, score=88, comment="按计划推进")
    with pytest.raises(WorkflowError, match="只能评分一次"):
        give(party=p, user=purchaser, score=99)
    assert PartyScore.objects.get(party=p).score == Decimal("88")


def test_community_party_scored_by_the_community_staff_only(evaluation, staff, staff_b):
    p = party(evaluation, PartyKind.COMMUNITY)
    with pytest.raises(PermissionDenied):
        give(party=p, user=staff_b, score=80)
    give(party=p, user=staff, score=80)


def test_named_third_party_only(evaluation):
    other = grant(UserFactory(), Role.EVALUATOR)
    with pytest.raises(PermissionDenied):
        give(party=party(evaluation, PartyKind.THIRD_PARTY), user=other, score=80)


def test_score_out_of_range_refused(evaluation, purchaser):
    with pytest.raises(WorkflowError, match="0–100"):
        give(party=party(evaluation, PartyKind.PURCHASER), user=purchaser, score=101)


def test_close_requires_every_party(evaluation, purchaser):
    give(party=party(evaluation, PartyKind.PURCHASER), user=purchaser, score=90)
    with pytest.raises(WorkflowError, match="尚未评分"):
        services.evaluation_close(evaluation=evaluation, user=purchaser)
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.OPEN


def test_only_the_purchaser_closes(evaluation, purchaser, staff, third_party, org_admin):
    score_all(evaluation, purchaser=purchaser, staff=staff, third_party=third_party)
    with pytest.raises(PermissionDenied):
        services.evaluation_close(evaluation=evaluation, user=org_admin)


def test_mid_pass_keeps_delivery_going(delivery, purchaser, staff, third_party):
    evaluation = run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party)
    assert (evaluation.state, evaluation.total, evaluation.grade) == (
        EvaluationState.CLOSED_PASS,
        Decimal("85.00"),
        Grade.GOOD,
    )
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.IN_DELIVERY
    with pytest.raises(WorkflowError, match="当前状态"):
        services.evaluation_close(evaluation=evaluation, user=purchaser)


def test_failing_final_opens_rectification_and_re_evaluation(
    delivery, purchaser, staff, third_party
):
    failed = run_evaluation(
        delivery, purchaser=purchaser, staff=staff, third_party=third_party, kind="final", score=50
    )
    assert (failed.state, failed.grade) == (EvaluationState.CLOSED_FAIL, Grade.FAIL)
    delivery.refresh_from_db()
    delivery.project.refresh_from_db()
    assert delivery.state == DeliveryState.RECTIFYING
    assert delivery.rectification_deadline is not None
    assert delivery.project.state == ProjectState.IN_DELIVERY
    again = run_evaluation(
        delivery, purchaser=purchaser, staff=staff, third_party=third_party, kind="final", score=92
    )
    assert (again.round, again.grade) == (2, Grade.EXCELLENT)
    delivery.project.refresh_from_db()
    assert delivery.project.state == ProjectState.COMPLETED


def test_failing_mid_term_opens_rectification(delivery, purchaser, staff, third_party):
    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party, score=40)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.RECTIFYING
    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party, score=70)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.IN_DELIVERY


def test_final_pass_completes_delivery_and_project(delivery, purchaser, staff, third_party):
    run_evaluation(
        delivery, purchaser=purchaser, staff=staff, third_party=third_party, kind="final"
    )
    delivery.refresh_from_db()
    delivery.project.refresh_from_db()
    assert delivery.state == DeliveryState.COMPLETED
    assert delivery.project.state == ProjectState.COMPLETED


def test_one_open_evaluation_at_a_time(evaluation, delivery, purchaser, third_party):
    with pytest.raises(WorkflowError, match="进行中"):
        open_evaluation(delivery, purchaser, third_party)


def test_purchaser_terminates_after_a_second_fail(
    delivery, purchaser, staff, third_party, org_admin
):
    from evaluations.services.delivery import delivery_terminate

    for _ in range(2):
        run_evaluation(
            delivery,
            purchaser=purchaser,
            staff=staff,
            third_party=third_party,
            kind="final",
            score=40,
        )
    with pytest.raises(PermissionDenied):
        delivery_terminate(delivery=delivery, user=org_admin, reason="复评仍不合格")
    with pytest.raises(WorkflowError, match="理由"):
        delivery_terminate(delivery=delivery, user=purchaser, reason="")
    delivery = delivery_terminate(delivery=delivery, user=purchaser, reason="复评仍不合格")
    delivery.project.refresh_from_db()
    assert delivery.state == DeliveryState.TERMINATED
    assert delivery.project.state == ProjectState.TERMINATED
    with pytest.raises(WorkflowError, match="当前状态"):
        delivery_terminate(delivery=delivery, user=purchaser, reason="再次终止")

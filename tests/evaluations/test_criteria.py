from decimal import Decimal

import pytest

from evaluations import schedule
from evaluations.models import CriterionScore, EvaluationKind, PartyKind, PartyScore
from evaluations.services import evaluations as services
from marketplace.workflow import WorkflowError

from .helpers import open_evaluation


def party(evaluation, kind):
    return evaluation.parties.get(kind=kind)


def test_parties_get_weighted_criteria_with_guidance(delivery, purchaser, third_party):
    evaluation = open_evaluation(delivery, purchaser, third_party)
    community = party(evaluation, PartyKind.COMMUNITY)
    criteria = list(community.criteria.all())
    assert [c.name for c in criteria] == [n for n, _w, _g in schedule.DEFAULT_CRITERIA["community"]]
    assert sum(c.weight for c in criteria) == 100 and all(c.guidance for c in criteria)
    assert not party(evaluation, PartyKind.RESIDENTS).criteria.exists()  # the survey decides


def test_party_score_is_computed_from_criterion_scores(delivery, purchaser, third_party):
    evaluation = open_evaluation(delivery, purchaser, third_party)
    p = party(evaluation, PartyKind.THIRD_PARTY)
    weights = {c.pk: c.weight for c in p.criteria.all()}  # 30 / 40 / 30
    marks = dict(zip(weights, [80, 90, 70], strict=True))
    score = services.party_score(party=p, user=third_party, criteria=marks, score=10)
    assert score.score == Decimal("81.00")  # 80×0.3 + 90×0.4 + 70×0.3; the typed 10 is ignored
    assert CriterionScore.objects.filter(criterion__party=p).count() == 3


def test_every_criterion_must_be_scored(delivery, purchaser, third_party):
    evaluation = open_evaluation(delivery, purchaser, third_party)
    p = party(evaluation, PartyKind.PURCHASER)
    first = p.criteria.first()
    with pytest.raises(WorkflowError, match="每一项评估指标"):
        services.party_score(party=p, user=purchaser, criteria={first.pk: 90})
    with pytest.raises(WorkflowError, match="0–100"):
        services.party_score(
            party=p, user=purchaser, criteria={c.pk: 120 for c in p.criteria.all()}
        )
    assert not PartyScore.objects.exists() and not CriterionScore.objects.exists()


def test_final_evaluation_covers_each_service_standard(delivery, purchaser, third_party):
    contract = delivery.contract
    contract.service_standard = (
        "1. 每月不少于4场活动；2. 入户探访每季度覆盖全部独居老人\n3. 建立服务档案"
    )
    contract.save(update_fields=["service_standard"])
    evaluation = open_evaluation(delivery, purchaser, third_party, kind=EvaluationKind.FINAL)
    acceptance = party(evaluation, PartyKind.PURCHASER).criteria.all()
    assert [c.name for c in acceptance] == [
        "每月不少于4场活动",
        "入户探访每季度覆盖全部独居老人",
        "建立服务档案",
    ]
    assert all(c.is_service_standard for c in acceptance)
    assert sum(c.weight for c in acceptance) == 100


def test_final_evaluation_needs_the_residents_party(delivery, purchaser, third_party):
    with pytest.raises(WorkflowError, match="服务对象满意度"):
        open_evaluation(
            delivery,
            purchaser,
            third_party,
            kind=EvaluationKind.FINAL,
            parties=[("community", 50), ("third_party", 50)],
        )
    assert not delivery.evaluations.exists()
    mid = open_evaluation(
        delivery, purchaser, third_party, parties=[("community", 50), ("third_party", 50)]
    )
    assert mid.parties.count() == 2  # a mid-term evaluation may leave the residents out


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("每月不少于4场活动", ["每月不少于4场活动"]),
        ("1、甲；2、乙;3) 丙\n\n", ["甲", "乙", "丙"]),
        ("", []),
    ],
)
def test_service_standards_split(text, items):
    assert schedule.service_standards(text) == items


@pytest.mark.parametrize("n", [1, 3, 7])
def test_equal_weights_sum_to_100(n):
    weights = schedule.equal_weights(n)
    assert len(weights) == n and sum(weights) == 100

"""Driving an evaluation through its parties in tests."""

from evaluations.models import PartyKind
from evaluations.services import evaluations as services


def open_evaluation(delivery, purchaser, third_party, kind="mid", **kw):
    return services.evaluation_open(
        delivery=delivery,
        user=purchaser,
        kind=kind,
        scorers={PartyKind.THIRD_PARTY: third_party},
        **kw,
    )


def score_all(evaluation, *, purchaser, staff, third_party, score=85):
    """Every party scores `score` (residents' result recorded by community staff)."""
    by_kind = {
        PartyKind.RESIDENTS: staff,
        PartyKind.COMMUNITY: staff,
        PartyKind.THIRD_PARTY: third_party,
        PartyKind.PURCHASER: purchaser,
    }
    for party in evaluation.parties.all():
        services.party_score(
            party=party,
            user=by_kind[party.kind],
            score=score,
            criteria={c.pk: score for c in party.criteria.all()},
        )


def run_evaluation(delivery, *, purchaser, staff, third_party, kind="mid", score=85):
    evaluation = open_evaluation(delivery, purchaser, third_party, kind=kind)
    score_all(evaluation, purchaser=purchaser, staff=staff, third_party=third_party, score=score)
    return services.evaluation_close(evaluation=evaluation, user=purchaser)


def give(*, party, user, score, comment=""):
    """Score a party: every criterion gets `score` (the party's score is then `score`)."""
    return services.party_score(
        party=party,
        user=user,
        score=score,
        criteria={c.pk: score for c in party.criteria.all()},
        comment=comment,
    )

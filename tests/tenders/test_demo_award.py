"""The award seeder adds questions, an objection, countersignatures and a supplement, once."""

import pytest

from marketplace import demo
from tenders import demo as tender_demo
from tenders import demo_award
from tenders.models import Clarification, Contract, Objection, Question, SupplementaryAgreement


@pytest.fixture
def seeded(places, monkeypatch):
    monkeypatch.setattr(demo, "places_load", lambda: 0)
    demo.seed_core(lambda _msg: None)
    tender_demo.seed_tenders(lambda _msg: None)


def counts():
    return (
        Question.objects.count(),
        Clarification.objects.filter(state="published").count(),
        Objection.objects.count(),
        SupplementaryAgreement.objects.count(),
        Contract.objects.filter(countersigned_at__isnull=False).count(),
    )


def test_seed_award_once(seeded):
    demo_award.seed_award(lambda _msg: None)
    first = counts()
    assert first == (2, 1, 1, 1, Contract.objects.count())
    demo_award.seed_award(lambda _msg: None)
    assert counts() == first

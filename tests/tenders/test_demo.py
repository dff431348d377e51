"""The seeder: every state, idempotent, and the due-soon tender opens by the scheduler."""

from datetime import timedelta

import pytest

from marketplace import clock, demo
from marketplace.models import Project, ProjectState
from tenders import demo as tender_demo
from tenders.models import Bid, Contract, Tender, TenderState
from tenders.steps import open_due_tenders


@pytest.fixture
def core(places, monkeypatch):
    monkeypatch.setattr(demo, "places_load", lambda: 0)  # the small test tree is enough
    demo.seed_core(lambda _msg: None)


def counts():
    return (
        Tender.objects.count(),
        Bid.objects.count(),
        Contract.objects.count(),
        Project.objects.count(),
    )


def test_seeder_makes_every_state_once(core):
    tender_demo.seed_tenders(lambda _msg: None)
    first = counts()
    tender_demo.seed_tenders(lambda _msg: None)
    assert counts() == first
    states = set(Tender.objects.values_list("state", flat=True))
    assert {
        TenderState.PUBLISHED,
        TenderState.OPENED,
        TenderState.EVALUATING,
        TenderState.AWARD_PROPOSED,
        TenderState.AWARDED,
        TenderState.CONTRACTED,
        TenderState.FAILED,
    } <= states
    assert Contract.objects.count() >= 3
    assert Project.objects.filter(state=ProjectState.CONTRACTED).count() >= 3
    open_one = Tender.objects.filter(state=TenderState.PUBLISHED).order_by("-deadline").first()
    assert open_one.deadline > clock.now() + timedelta(days=19)
    # the due-soon tender opens when the scheduler runs after its deadline
    with clock.travel(clock.now() + timedelta(minutes=4)):
        assert open_due_tenders() == 1
        assert open_due_tenders() == 0


def test_contracted_project_returns_the_same_contract(core):
    first = tender_demo.contracted_project(title="演示签约项目", organisation="kangning")
    again = tender_demo.contracted_project(title="演示签约项目", organisation="kangning")
    assert first.pk == again.pk
    assert first.organisation == demo.organisation("kangning")
    assert first.state == "signed" and first.project.state == ProjectState.CONTRACTED

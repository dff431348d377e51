"""The needs seeder's designs (项目书): each in its state, with the standard indicators and
budget lines summing to its total, made once however often the seeder runs."""

from decimal import Decimal

import pytest

from marketplace import demo
from marketplace.models import Project, ProjectState
from needs import demo as needs_demo

DESIGNS = {
    "翠湖西路社区居家养老服务项目": (ProjectState.APPROVED, Decimal("180000"), 2),
    "翠湖西路社区“四点半课堂”项目": (ProjectState.DRAFT, Decimal("60000"), 1),
    "水晶宫社区助残康复项目": (ProjectState.SUBMITTED, Decimal("95000"), 1),
    "水晶宫社区便民服务站项目": (ProjectState.RETURNED, Decimal("150000"), 1),
    "西街口村留守儿童关爱项目": (ProjectState.APPROVED, Decimal("120000"), 1),
}


@pytest.fixture
def core(places, monkeypatch):
    monkeypatch.setattr(demo, "places_load", lambda: 0)  # the small test tree is enough
    demo.seed_core(lambda _msg: None)


def _made():
    projects = Project.objects.filter(title__in=DESIGNS).prefetch_related(
        "budget_lines", "indicators", "needs"
    )
    return {
        p.title: (
            p.state,
            sum((line.amount for line in p.budget_lines.all()), Decimal(0)),
            len(p.needs.all()),
            len(p.indicators.all()),
        )
        for p in projects
    }


def test_each_design_in_its_state_with_its_budget_and_needs(core):
    needs_demo.seed_needs(lambda _msg: None)
    assert _made() == {t: (*v, 3) for t, v in DESIGNS.items()}


def test_a_second_run_makes_nothing_again(core):
    needs_demo.seed_needs(lambda _msg: None)
    before = Project.objects.count()
    said = []
    needs_demo.seed_needs(said.append)
    assert Project.objects.count() == before and said == ["  需求演示数据已存在，跳过。"]


def test_demo_consultations_name_their_participants_by_kind(core):
    from needs.models import Consultation

    needs_demo.seed_needs(lambda _msg: None)
    meetings = Consultation.objects.prefetch_related("participants__organisation")
    assert meetings.count() >= 3
    for meeting in meetings:
        kinds = {p.kind for p in meeting.participants.all()}
        assert {"resident", "staff"} <= kinds
    organisations = {
        p.organisation.name
        for m in meetings
        for p in m.participants.all()
        if p.organisation is not None
    }
    assert "昆明市五华区阳光社会工作服务中心" in organisations

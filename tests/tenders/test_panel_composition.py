"""Appointing the panel: size, parity, expert share, own staff; the form shows the rules."""

from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace import clock
from marketplace.models import Role
from marketplace.workflow import WorkflowError
from tenders.models import MemberKind
from tenders.services import panel as panel_services
from tenders.services import tenders as services
from tests.marketplace.factories import UserFactory, grant
from tests.tenders.factories import evaluator, published_tender


def appoint(tender, purchaser, experts, reps=()):
    return panel_services.panel_appoint(
        tender=tender, user=purchaser, evaluators=experts, representatives=reps
    )


@pytest.fixture
def rep(places):
    """Another officer of the same purchasing unit (a purchaser representative)."""
    return grant(UserFactory(name="采购人代表"), Role.PURCHASER, place=places["huashan"])


def test_five_experts_allowed(tender, purchaser):
    members = appoint(tender, purchaser, [evaluator(i) for i in range(5)])
    assert len(members) == 5 and {m.kind for m in members} == {MemberKind.EXPERT}


def test_four_experts_and_one_representative_allowed(tender, purchaser, rep):
    members = appoint(tender, purchaser, [evaluator(i) for i in range(4)], [rep])
    assert sorted(m.kind for m in members).count(MemberKind.PURCHASER_REP) == 1


@pytest.mark.parametrize(
    "experts, reps, message",
    [
        (3, 0, "至少需要 5 人"),
        (6, 0, "单数"),
        (3, 2, "三分之二"),
    ],
)
def test_wrong_panel_refused(tender, purchaser, places, experts, reps, message):
    representatives = [
        grant(UserFactory(), Role.PURCHASER, place=places["huashan"]) for _ in range(reps)
    ]
    with pytest.raises(WorkflowError, match=message) as exc:
        appoint(tender, purchaser, [evaluator(i) for i in range(experts)], representatives)
    assert exc.value.status == 400
    assert not tender.panel.exists()


def test_big_budget_needs_seven(purchaser, places):
    big = published_tender(purchaser, budget=Decimal("10000000"))
    with pytest.raises(WorkflowError, match="至少需要 7 人"):
        appoint(big, purchaser, [evaluator(i) for i in range(5)])
    assert len(appoint(big, purchaser, [evaluator(10 + i) for i in range(7)])) == 7


def test_complex_project_needs_seven(purchaser, places):
    from tests.tenders.factories import approved_project, draft_tender

    tender = draft_tender(approved_project(), purchaser)
    tender.is_complex = True
    tender.save(update_fields=["is_complex"])
    tender = services.tender_publish(tender=tender, user=purchaser)
    with pytest.raises(WorkflowError, match="至少需要 7 人"):
        appoint(tender, purchaser, [evaluator(i) for i in range(5)])


def test_other_methods_need_three_odd(purchaser, places):
    tender = published_tender(purchaser, method="consultation", days=11)
    assert len(appoint(tender, purchaser, [evaluator(i) for i in range(3)])) == 3
    with pytest.raises(WorkflowError, match="单数"):
        appoint(tender, purchaser, [evaluator(10 + i) for i in range(4)])


def test_own_staff_may_not_sit_as_expert(tender, purchaser, rep):
    grant(rep, Role.EVALUATOR)  # an officer of the unit who is also in the expert pool
    with pytest.raises(WorkflowError, match="不得以评审专家身份"):
        appoint(tender, purchaser, [rep, *[evaluator(i) for i in range(4)]])
    # ... but may sit as the purchaser's representative
    assert len(appoint(tender, purchaser, [evaluator(i) for i in range(4)], [rep])) == 5


def test_staff_of_another_unit_may_sit_as_expert(tender, purchaser, purchaser_elsewhere):
    grant(purchaser_elsewhere, Role.EVALUATOR)
    members = appoint(tender, purchaser, [purchaser_elsewhere, *[evaluator(i) for i in range(4)]])
    assert len(members) == 5


def test_representative_must_be_own_staff(tender, purchaser, purchaser_elsewhere):
    with pytest.raises(WorkflowError, match="采购人代表须为"):
        appoint(tender, purchaser, [evaluator(i) for i in range(4)], [purchaser_elsewhere])


def test_form_shows_rules_and_refuses_wrong_panel(client, tender, purchaser):
    client.force_login(purchaser)
    url = reverse("tenders:panel", args=[tender.pk])
    page = client.get(url).content.decode()
    assert "不少于 5 人的单数" in page and "三分之二" in page
    people = [evaluator(i) for i in range(3)]
    response = client.post(url, {"evaluators": [p.pk for p in people]})
    assert response.status_code == 400
    assert "至少需要 5 人" in response.content.decode()
    assert not tender.panel.exists()


def test_form_refused_to_others(client, tender, outsider):
    client.force_login(outsider)
    assert client.get(reverse("tenders:panel", args=[tender.pk])).status_code == 403


def test_replacement_after_opening_keeps_excluded_member(opened, purchaser, panel, later, bidders):
    from tests.tenders.factories import declare_none

    with clock.travel(later):
        appoint(opened, purchaser, panel)
        grant(panel[0], Role.ORG_MEMBER, organisation=bidders[0][0])
        for person in panel:
            declare_none(opened, person)
        assert opened.panel.get(evaluator=panel[0]).has_conflict
        with pytest.raises(WorkflowError, match="组成不符合规定"):
            services.tender_start_evaluation(tender=opened, user=purchaser)
        with pytest.raises(WorkflowError, match="已回避"):
            appoint(opened, purchaser, panel)
        extra = evaluator(20)
        appoint(opened, purchaser, [*panel[1:], extra])
        assert opened.panel.count() == 6  # the excluded member stays on record
        declare_none(opened, extra)
        assert services.tender_start_evaluation(tender=opened, user=purchaser).state == "evaluating"

"""Two communities (A, B under 华山街道) and a village under 石林县, with work in each."""

from datetime import timedelta

import pytest

from evaluations.models import DeliveryState, EvaluationParty, PartyKind
from evaluations.services import evaluations as evaluation_services
from marketplace import clock
from marketplace.models import Role
from needs.models import Follow
from tenders.models import PanelMember, TenderState
from tenders.services import tenders as tender_services
from tests.evaluations.factories import contract_for, delivery_for
from tests.marketplace.factories import ProjectFactory, UserFactory, force_state, grant
from tests.needs.factories import NeedFactory
from tests.tenders.factories import approved_project, bidder, draft_tender, submit


@pytest.fixture
def evaluator(places):
    return grant(UserFactory(name="黄教授"), Role.EVALUATOR)


@pytest.fixture
def evaluator2(places):
    return grant(UserFactory(name="何老师"), Role.EVALUATOR)


def _tender(purchaser, community, purchaser_place, title):
    project = approved_project(community=community, purchaser_place=purchaser_place, title=title)
    return tender_services.tender_publish(tender=draft_tender(project, purchaser), user=purchaser)


def _evaluation(delivery, purchaser, scorer):
    return evaluation_services.evaluation_open(
        delivery=delivery, user=purchaser, kind="mid", scorers={PartyKind.THIRD_PARTY: scorer}
    )


@pytest.fixture
def world(
    places,
    resident,
    resident2,
    staff,
    staff_b,
    purchaser,
    purchaser_elsewhere,
    organisation,
    organisation2,
    org_admin,
    evaluator,
    evaluator2,
):
    """One of everything in A (or for org 1 / evaluator 1), and a twin elsewhere."""
    a, b, village = places["community_a"], places["community_b"], places["village"]
    w = {}
    w["need_mine"] = NeedFactory(author=resident, community=a, title="我的需求甲")
    w["need_other"] = force_state(
        NeedFactory(author=resident2, community=a, title="邻居的需求乙"), "published"
    )
    w["need_followed"] = force_state(
        NeedFactory(author=resident2, community=a, title="关注的需求丙"), "published"
    )
    Follow.objects.create(need=w["need_followed"], user=resident)
    w["need_b"] = NeedFactory(author=resident2, community=b, title="B社区待审需求丁")
    w["need_b_pub"] = force_state(
        NeedFactory(author=resident2, community=b, title="B社区待协商需求戊"), "published"
    )
    w["design_a"] = force_state(ProjectFactory(title="A社区待审批项目书", community=a), "submitted")
    w["returned_a"] = force_state(ProjectFactory(title="A社区退回项目书", community=a), "returned")
    w["returned_b"] = force_state(ProjectFactory(title="B社区退回项目书", community=b), "returned")
    w["design_village"] = force_state(
        ProjectFactory(
            title="村里待审批项目书", community=village, purchaser_place=places["shilin"]
        ),
        "submitted",
    )
    w["tender_a"] = _tender(purchaser, a, places["huashan"], "A社区招标项目")
    w["tender_village"] = _tender(purchaser_elsewhere, village, places["shilin"], "村里招标项目")
    org2_admin = grant(UserFactory(name="郑伟"), Role.ORG_ADMIN, organisation=organisation2)
    w["org2_admin"] = org2_admin
    w["bid_org2"] = submit(w["tender_village"], organisation2, org2_admin)
    # Deliveries: org 1 in community A (with an open evaluation), org 2 in community B.
    w["delivery_a"] = delivery_for(
        organisation=organisation, purchaser=purchaser, org_admin=org_admin, start=True
    )
    w["delivery_b"] = delivery_for(
        organisation=organisation2,
        purchaser=purchaser,
        org_admin=org2_admin,
        start=True,
        community=b,
        title="B社区执行项目",
    )
    w["evaluation_a"] = _evaluation(w["delivery_a"], purchaser, evaluator)
    w["evaluation_b"] = _evaluation(w["delivery_b"], purchaser, evaluator2)
    force_state(w["delivery_a"], DeliveryState.RECTIFYING, rectification_deadline=clock.today())
    # Panel seats: evaluator sits on an A tender, evaluator 2 on the village tender.
    w["panel_a"] = _tender(purchaser, a, places["huashan"], "A社区评标项目")
    for tender, person in ((w["panel_a"], evaluator), (w["tender_village"], evaluator2)):
        force_state(tender, TenderState.EVALUATING, opened_at=clock.now() - timedelta(days=1))
        PanelMember.objects.create(tender=tender, evaluator=person)
    w["contract_org2"] = contract_for(
        organisation=organisation2, purchaser=purchaser, community=b, title="B社区第二合同项目"
    )
    return w


def residents_party(evaluation):
    return EvaluationParty.objects.get(evaluation=evaluation, kind=PartyKind.RESIDENTS)


def more_of_everything(places, purchaser, organisation, org_admin, n=3):
    """Grow the data: more needs, designs, tenders and deliveries in every scope."""
    for i in range(n):
        for community in (places["community_a"], places["community_b"]):
            NeedFactory(community=community)
            force_state(NeedFactory(community=community), "published")
            force_state(ProjectFactory(community=community), "returned")
            force_state(ProjectFactory(community=community), "submitted")
        _tender(purchaser, places["community_a"], places["huashan"], f"新增招标{i}")
        delivery_for(
            organisation=organisation, purchaser=purchaser, org_admin=org_admin, start=True
        )
    org, user = bidder()
    return org, user

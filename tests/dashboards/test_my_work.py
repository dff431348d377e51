""" "My work": each role sees exactly what it may act on in its own scope, with live counts,
links to the place to act, and a constant number of queries at two data sizes."""

import pytest
from django.urls import reverse

from evaluations.services.surveys import survey_token
from tests.marketplace.factories import UserFactory

from .conftest import more_of_everything, residents_party

pytestmark = pytest.mark.django_db


def page(client, user):
    client.force_login(user)
    response = client.get(reverse("my_work"))
    assert response.status_code == 200
    return response.content.decode()


def test_resident_sees_own_and_followed_needs_and_waiting_surveys(client, world, resident):
    html = page(client, resident)
    assert "我的需求甲" in html and "待审核" in html
    assert "关注的需求丙" in html
    assert "邻居的需求乙" not in html and "B社区待审需求丁" not in html
    token_a = survey_token(residents_party(world["evaluation_a"]))
    token_b = survey_token(residents_party(world["evaluation_b"]))
    assert reverse("evaluations:survey", args=[token_a]) in html
    assert reverse("evaluations:survey", args=[token_b]) not in html  # community B's survey


def test_staff_sees_only_their_community(client, world, staff, staff_b):
    html = page(client, staff)
    assert "1 条需求待审核" in html and world["need_mine"].title in html
    assert "待协商的需求（2）" in html  # 乙 and 丙 are published without a decision
    assert "A社区退回项目书" in html
    assert reverse("needs:design_edit", args=[world["returned_a"].pk]) in html
    assert "本社区项目进度" in html and world["delivery_a"].project.title in html
    for other in ("B社区待审需求丁", "B社区待协商需求戊", "B社区退回项目书", "B社区执行项目"):
        assert other not in html
    html_b = page(client, staff_b)
    assert "B社区待审需求丁" in html_b and "B社区退回项目书" in html_b
    assert "我的需求甲" not in html_b and "A社区退回项目书" not in html_b


def test_purchaser_sees_designs_tenders_with_dates_evaluations_and_payments(
    client, world, purchaser, purchaser_elsewhere
):
    html = page(client, purchaser)
    assert "待审批项目书（1）" in html and "A社区待审批项目书" in html
    assert "A社区招标项目" in html and "投标截止" in html
    assert "A社区评标项目" in html and "评分截止" in html
    assert "结束评估" in html and "拨付" in html
    assert "村里" not in html
    other = page(client, purchaser_elsewhere)
    assert "村里待审批项目书" in other and "村里招标项目" in other
    assert "A社区" not in other


def test_organisation_sees_open_tenders_its_bids_contracts_and_rectification(
    client, world, org_admin
):
    html = page(client, org_admin)
    assert "可参与投标（1）" in html and "A社区招标项目" in html
    assert "整改期限" in html and "下次日志应于" in html
    assert world["delivery_a"].project.title in html
    assert "本组织的合同" in html
    for other in (
        "B社区执行项目",
        "B社区第二合同项目",
        reverse("tenders:receipt", args=[world["bid_org2"].pk]),
    ):
        assert other not in html
    html2 = page(client, world["org2_admin"])
    assert reverse("tenders:receipt", args=[world["bid_org2"].pk]) in html2
    assert "B社区第二合同项目" in html2 and world["delivery_a"].project.title not in html2


def test_organisation_in_bad_credit_is_offered_no_tender(client, world, org_admin, organisation):
    organisation.bad_credit = True
    organisation.save()
    assert "可参与投标" not in page(client, org_admin)


def test_evaluator_sees_own_seats_and_parties_with_due_dates(client, world, evaluator):
    html = page(client, evaluator)
    assert "评标任务（1）" in html and "A社区评标项目" in html and "评分截止" in html
    assert reverse("evaluations:evaluation", args=[world["evaluation_a"].pk]) in html
    assert "村里招标项目" not in html
    assert reverse("evaluations:evaluation", args=[world["evaluation_b"].pk]) not in html


def test_a_user_without_roles_sees_nothing_to_do(client, world):
    html = page(client, UserFactory())
    for title in ("我的需求甲", "A社区", "村里", "评标任务", "可参与投标"):
        assert title not in html


ROLES = ["resident", "staff", "purchaser", "org_admin", "evaluator"]


@pytest.mark.parametrize("role", ROLES)
def test_constant_queries_per_role(
    client,
    world,
    request,
    role,
    places,
    purchaser,
    organisation,
    org_admin,
    django_assert_max_num_queries,
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    client.get(reverse("my_work"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("my_work"))
    more_of_everything(places, purchaser, organisation, org_admin)
    user.__dict__.pop("_role_cache", None)
    with django_assert_max_num_queries(len(small)):
        assert client.get(reverse("my_work")).status_code == 200
    assert len(small) <= 20


def test_page_requires_login(client):
    response = client.get(reverse("my_work"))
    assert response.status_code == 302

"""Home page and notice index: anonymous, constant queries at two data sizes, no phones."""

import re

import pytest

from cms.models import NoticeKind
from cms.services.notices import notice_publish
from marketplace.models.project import ProjectState
from tenders.models import TenderState
from tests.marketplace.factories import OrganisationFactory, ProjectFactory, force_state

from .factories import make_tender

pytestmark = pytest.mark.django_db

HOME_QUERIES = 19  # constant at every size: + service hours, satisfaction, volunteers (2), latest cases, sections
INDEX_QUERIES = 12
PHONE = re.compile(r"1[3-9]\d{9}")


def grow(n):
    """n open tenders with notices, n completed projects."""
    for i in range(n):
        tender = make_tender(state=TenderState.PUBLISHED, title=f"长者助餐服务{i}采购")
        notice_publish(kind=NoticeKind.TENDER, obj=tender)
        organisation = OrganisationFactory()
        force_state(ProjectFactory(), ProjectState.COMPLETED, organisation=organisation)


@pytest.mark.parametrize("size", [1, 12])
def test_home_page_constant_queries(site, client, django_assert_max_num_queries, size):
    grow(size)
    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "长者助餐服务0采购" in html  # open tender and its notice
    assert "投标截止" in html
    assert "<title>" in html and 'name="description"' in html
    assert not PHONE.search(html)


def test_home_page_headline_figures_are_live(site, client):
    grow(2)
    figures = dict(client.get("/").context["figures"])
    from marketplace.models import Organisation, Project

    assert figures["服务项目"] == Project.objects.count()
    assert figures["社会组织"] == Organisation.objects.count()
    ProjectFactory()
    assert dict(client.get("/").context["figures"])["服务项目"] == Project.objects.count()


@pytest.mark.parametrize("size", [1, 25])
def test_notice_index_constant_queries(site, client, django_assert_max_num_queries, size):
    grow(size)
    index = site.get_children().get(slug="notices")
    with django_assert_max_num_queries(INDEX_QUERIES):
        response = client.get(index.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "采购公告" in html
    assert not PHONE.search(html)
    assert html.count('<li><span class="tag">') == min(size, 20)


def test_notice_index_filters_by_kind_place_and_date(site, client):
    tender = make_tender(state=TenderState.AWARDED, title="石林彝绣技能培训采购")
    notice_publish(kind=NoticeKind.TENDER, obj=tender)
    notice_publish(kind=NoticeKind.AWARD, obj=tender)
    url = site.get_children().get(slug="notices").url
    html = client.get(url, {"kind": NoticeKind.AWARD}).content.decode()
    assert "石林彝绣技能培训采购中标公告" in html
    assert "石林彝绣技能培训采购公告" not in html
    assert "没有符合条件" in client.get(url, {"date_from": "2999-01-01"}).content.decode()
    in_wuhua = client.get(url, {"place": "530102000000"}).content.decode()
    assert "石林彝绣技能培训采购中标公告" in in_wuhua
    in_shilin = client.get(url, {"place": "530126000000"})
    assert in_shilin.status_code == 200  # not a county with notices: the filter is refused


def test_notice_index_paginates(site, client):
    grow(22)
    url = site.get_children().get(slug="notices").url
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('<li><span class="tag">') == 2
    assert "第 2 / 2 页" in second

"""Home page and notice index: anonymous, constant queries at two data sizes, no phones."""

import datetime
import re

import pytest
from django.utils import timezone

from cms.models import NoticeKind, NoticePage
from cms.services.notices import notice_publish
from marketplace.models import Project
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


def notice_in(community, title, kind, day):
    """A notice about a tender in `community`, published (stepped) on `day`."""
    tender = make_tender(state=TenderState.AWARDED, title=title)
    Project.objects.filter(pk=tender.project_id).update(community=community)
    notice = notice_publish(kind=kind, obj=tender)
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    NoticePage.objects.filter(pk=notice.pk).update(step_at=at)
    return notice


@pytest.fixture
def two_counties(site, places):
    """An award notice in 五华区 (2026-03-10) and a tender notice in 石林县 (2026-05-20)."""
    notice_in(
        places["community_a"], "翠湖助餐服务采购", NoticeKind.AWARD, datetime.date(2026, 3, 10)
    )
    notice_in(
        places["village"], "石林彝绣技能培训采购", NoticeKind.TENDER, datetime.date(2026, 5, 20)
    )
    return site.get_children().get(slug="notices").url


WUHUA = "翠湖助餐服务采购中标公告"
SHILIN = "石林彝绣技能培训采购公告"


def listed(client, url, **filters):
    response = client.get(url, filters)
    assert response.status_code == 200, response.content.decode()[:500]
    html = response.content.decode()
    return {title for title in (WUHUA, SHILIN) if title in html}


def test_notice_index_filters_by_kind(client, two_counties):
    assert listed(client, two_counties) == {WUHUA, SHILIN}
    assert listed(client, two_counties, kind=NoticeKind.AWARD) == {WUHUA}
    assert listed(client, two_counties, kind=NoticeKind.TENDER) == {SHILIN}
    assert listed(client, two_counties, kind=NoticeKind.CONTRACT) == set()


def test_notice_index_filters_by_county_and_prefecture(client, places, two_counties):
    assert listed(client, two_counties, place=places["wuhua"].code) == {WUHUA}
    assert listed(client, two_counties, place=places["shilin"].code) == {SHILIN}
    assert listed(client, two_counties, place=places["kunming"].code) == {WUHUA, SHILIN}
    html = client.get(two_counties).content.decode()
    # the filter offers the prefecture and both counties that have notices
    for place in ("kunming", "wuhua", "shilin"):
        assert f'<option value="{places[place].code}"' in html
    chosen = client.get(two_counties, {"place": places["shilin"].code}).content.decode()
    assert f'<option value="{places["shilin"].code}" selected>' in chosen


def test_notice_index_filters_by_publication_dates(client, two_counties):
    assert listed(client, two_counties, date_from="2026-03-10", date_to="2026-03-10") == {WUHUA}
    assert listed(client, two_counties, date_from="2026-03-11") == {SHILIN}
    assert listed(client, two_counties, date_to="2026-05-19") == {WUHUA}
    assert listed(client, two_counties, date_from="2026-01-01", date_to="2026-12-31") == {
        WUHUA,
        SHILIN,
    }
    assert listed(client, two_counties, date_from="2026-06-01") == set()


@pytest.mark.parametrize(
    "filters, error",
    [
        ({"place": "999999999999"}, "没有这个州市或县区"),
        ({"place": "530102001001"}, "没有这个州市或县区"),  # a community: not a filter place
        ({"place": "五华"}, "没有这个州市或县区"),
        ({"date_from": "2026-13-45"}, "日期格式不对"),
        ({"date_to": "昨天"}, "日期格式不对"),
        ({"date_from": "2026-05-01", "date_to": "2026-04-01"}, "截止日期不能早于起始日期"),
        ({"kind": "rumour"}, "没有这种公告类型"),
    ],
)
def test_notice_index_refuses_bad_filters_in_chinese(client, two_counties, filters, error):
    response = client.get(two_counties, filters)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html and 'role="alert"' in html
    assert WUHUA not in html and SHILIN not in html  # not the unfiltered list
    assert "没有符合条件的公告" in html


def test_notice_index_paginates(site, client):
    grow(22)
    url = site.get_children().get(slug="notices").url
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('<li><span class="tag">') == 2
    assert "第 2 / 2 页" in second

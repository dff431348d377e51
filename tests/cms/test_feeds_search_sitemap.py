"""Feeds validate as XML, the sitemap lists notices, search finds Chinese substrings."""

import xml.etree.ElementTree as ET

import pytest

from cms.models import NoticeKind
from cms.services.notices import notice_publish
from tenders.models import TenderState

from .factories import make_tender

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def notices(site):
    tender = make_tender(state=TenderState.AWARDED, title="翠湖居家养老服务<采购>")
    return [
        notice_publish(kind=NoticeKind.TENDER, obj=tender),
        notice_publish(kind=NoticeKind.AWARD, obj=tender),
    ]


def test_rss_feed_is_valid_xml_with_every_notice(client, notices):
    response = client.get("/feeds/notices.rss")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    titles = [item.findtext("title") for item in root.iter("item")]
    assert "【中标公告】翠湖居家养老服务<采购>中标公告" in titles
    assert len(titles) == 2
    assert all(item.findtext("link").endswith("/") for item in root.iter("item"))


def test_atom_feed_is_valid_xml(client, notices):
    root = ET.fromstring(client.get("/feeds/notices.atom").content)
    assert root.tag == f"{ATOM}feed"
    assert len(root.findall(f"{ATOM}entry")) == 2


def test_place_feed_has_only_that_places_notices(client, notices):
    wuhua = ET.fromstring(client.get("/feeds/notices/530102000000.rss").content)
    assert len(list(wuhua.iter("item"))) == 2
    assert "五华区" in wuhua.find("channel").findtext("title")
    shilin = ET.fromstring(client.get("/feeds/notices/530126000000.atom").content)
    assert shilin.findall(f"{ATOM}entry") == []
    assert client.get("/feeds/notices/999999999999.rss").status_code == 404


def test_sitemap_lists_notices(client, notices):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(notices[0].url) for loc in locs)


def test_search_finds_a_chinese_substring_ranked_and_highlighted(client, notices):
    response = client.get("/search/", {"q": "养老"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "居家<mark>养老</mark>服务" in html
    assert "&lt;采购&gt;" in html  # escaped, not injected
    # the two notices and their project (tendering, so public)
    assert response.context["page"].paginator.count == 3


def test_search_with_two_terms_needs_both(client, notices):
    assert client.get("/search/", {"q": "养老 中标"}).context["page"].paginator.count == 1
    assert client.get("/search/", {"q": "助残"}).context["page"].paginator.count == 0
    assert client.get("/search/").status_code == 200


@pytest.mark.parametrize("size", [1, 15])
def test_search_constant_queries(client, site, django_assert_max_num_queries, size):
    for i in range(size):
        tender = make_tender(state=TenderState.PUBLISHED, title=f"社区养老服务{i}")
        notice_publish(kind=NoticeKind.TENDER, obj=tender)
    with django_assert_max_num_queries(8):
        response = client.get("/search/", {"q": "养老"})
    # each tender's notice and its project (tendering: public)
    assert response.context["page"].paginator.count == 2 * size

"""Feeds validate as XML, the sitemap lists notices, search finds Chinese substrings."""

import re
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


SITEMAP_QUERIES = (
    14  # site, restrictions, pages (count, ids, one per page type), projects (2), places (2)
)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(response) -> dict:
    """{loc: lastmod} of a valid <urlset>."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_lists_public_projects_and_place_pages(client, site, places):
    from marketplace.models import ProjectState
    from tests.marketplace.factories import ProjectFactory, force_state

    public = force_state(ProjectFactory(community=places["village"]), ProjectState.IN_DELIVERY)
    draft = ProjectFactory(title="尚未提交的项目")
    returned = force_state(ProjectFactory(), ProjectState.RETURNED)
    entries = sitemap_entries(client.get("/sitemap.xml"))
    locs = set(entries)
    host = site.get_site().root_url  # the Wagtail site's host, as for the pages
    assert f"{host}/open/projects/{public.pk}/" in locs
    assert entries[f"{host}/open/projects/{public.pk}/"] == public.updated_at.strftime("%Y-%m-%d")
    assert f"{host}/open/projects/{draft.pk}/" not in locs
    assert f"{host}/open/projects/{returned.pk}/" not in locs
    for county in ("wuhua", "shilin"):
        assert f"{host}/places/{places[county].code}/" in locs
    assert f"{host}/places/{places['kunming'].code}/" in locs  # the prefecture
    assert f"{host}/places/{places['huashan'].code}/" not in locs  # townships: not listed
    # lastmod where known: a place with a public project inside it has one, the others not
    assert entries[f"{host}/places/{places['shilin'].code}/"]
    assert entries[f"{host}/places/{places['kunming'].code}/"]
    assert entries[f"{host}/places/{places['wuhua'].code}/"] is None
    assert f"{host}/" in locs  # and Wagtail's pages, in the same urlset


@pytest.mark.parametrize("size", [1, 15])
def test_sitemap_constant_queries(client, site, places, django_assert_max_num_queries, size):
    from marketplace.models import ProjectState
    from tests.marketplace.factories import ProjectFactory, force_state

    for i in range(size):
        tender = make_tender(state=TenderState.PUBLISHED, title=f"社区养老服务{i}")
        notice_publish(kind=NoticeKind.TENDER, obj=tender)
        force_state(ProjectFactory(community=places["village"]), ProjectState.COMPLETED)
    with django_assert_max_num_queries(SITEMAP_QUERIES):
        response = client.get("/sitemap.xml")
    locs = sitemap_entries(response)
    assert sum("/open/projects/" in loc for loc in locs) == 2 * size  # tendering + completed
    assert sum("/notices/" in loc for loc in locs) == size + 1  # the notices and their index


def feed_links(html) -> dict:
    """{type: href} of the <link rel="alternate"> feeds in a page's head."""
    head = html.split("</head>", 1)[0]
    links = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', head)
    return dict(links)


def test_place_page_links_its_feeds_in_the_head_and_visibly(client, notices, places):
    html = client.get(f"/places/{places['wuhua'].code}/").content.decode()
    links = feed_links(html)
    assert links == {
        "application/rss+xml": "/feeds/notices/530102000000.rss",
        "application/atom+xml": "/feeds/notices/530102000000.atom",
    }
    assert "订阅本地公告 (RSS/Atom)" in html
    for href in links.values():
        assert f'<a href="{href}"' in html.split("</head>", 1)[1]  # visible in the body too
    rss = ET.fromstring(client.get(links["application/rss+xml"]).content)
    assert len(list(rss.iter("item"))) == 2
    atom = ET.fromstring(client.get(links["application/atom+xml"]).content)
    assert len(atom.findall(f"{ATOM}entry")) == 2
    shilin = feed_links(client.get(f"/places/{places['shilin'].code}/").content.decode())
    assert (
        ET.fromstring(client.get(shilin["application/atom+xml"]).content).findall(f"{ATOM}entry")
        == []
    )


def test_notice_index_links_the_all_notices_feeds(client, notices, site):
    html = client.get(site.get_children().get(slug="notices").url).content.decode()
    assert feed_links(html) == {
        "application/rss+xml": "/feeds/notices.rss",
        "application/atom+xml": "/feeds/notices.atom",
    }
    assert "订阅全部公告 (RSS/Atom)" in html
    assert '<a href="/feeds/notices.rss"' in html and '<a href="/feeds/notices.atom"' in html

"""Every anonymous page: 360 px phone (viewport), no JavaScript needed, no CDN, its own title
and description."""

from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from cms.models import CaseIndexPage, NoticeKind, PolicyIndexPage, PolicyPage
from cms.services.notices import notice_publish
from tenders.models import TenderState

from .factories import completed, delivered, make_tender
from .test_cases import publish_case

pytestmark = pytest.mark.django_db
HX = ("hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete")
SUBMIT_INPUTS = {"submit", "image"}


class Page(HTMLParser):
    """What a page offers a browser without JavaScript: its head, resources, forms, hx- use."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.title, self.in_title = "", False
        self.metas, self.resources, self.forms, self.problems = {}, [], [], []
        self.form = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in a:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>: an inline script handler")
        if tag == "title":
            self.in_title = True
        elif tag == "meta" and "name" in a:
            self.metas[a["name"]] = a.get("content") or ""
        if tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.resources.append(a["src"])
        if tag == "link" and a.get("href"):
            self.resources.append(a["href"])
        if tag == "img" and a.get("srcset"):
            self.resources += [part.split()[0] for part in a["srcset"].split(",")]
        if tag == "form":
            self.form = {"attrs": a, "submits": 0}
            self.forms.append(self.form)
        elif self.form is not None and (
            (tag == "button" and a.get("type", "submit") == "submit")
            or (tag == "input" and a.get("type") in SUBMIT_INPUTS)
        ):
            self.form["submits"] += 1
        in_action_form = self.form is not None and self.form["attrs"].get("action")
        if any(h in a for h in HX) and "href" not in a and not in_action_form:
            self.problems.append(f"<{tag}> reachable only through htmx")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "form":
            self.form = None

    def handle_data(self, data):
        if self.in_title:
            self.title += data


@pytest.fixture
def pages(client, site, places, editors, organisation, purchaser, org_admin, social_worker):
    """One of every anonymous page, with content on it."""
    tender = make_tender(state=TenderState.PUBLISHED, title="翠湖居家养老服务采购")
    notice = notice_publish(kind=NoticeKind.TENDER, obj=tender)
    project = completed(
        delivered(
            organisation=organisation,
            purchaser=purchaser,
            org_admin=org_admin,
            social_worker=social_worker,
            title="翠湖邻里互助项目",
        )
    )
    case = publish_case(CaseIndexPage.objects.get(), project, editors, title="邻里守望")
    policy = PolicyPage(
        title="关于政府购买社会工作服务的指导意见",
        slug="guidance",
        issuer="民政部 财政部",
        issued_on=date(2012, 11, 14),
    )
    PolicyIndexPage.objects.get().add_child(instance=policy)
    policy.save_revision().publish()
    return {
        "home": "/",
        "notice index": notice.get_parent().url,
        "notice": notice.url,
        "project": f"/open/projects/{tender.project_id}/",
        "model case": case.url,
        "case index": case.get_parent().url,
        "policy": policy.url,
        "policy index": policy.get_parent().url,
        "place": f"/places/{places['wuhua'].code}/",
        "search": "/search/?q=养老",
        "needs": "/needs/",
        "tenders": "/tenders/",
    }


def parsed(client, pages) -> dict:
    result = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        result[name] = Page(response.content.decode())
    return result


def test_every_anonymous_page_works_on_a_phone_without_javascript_or_cdn(client, pages):
    for name, page in parsed(client, pages).items():
        assert "width=device-width" in page.metas.get("viewport", ""), name
        for url in page.resources:
            parts = urlsplit(url)
            assert not parts.netloc or parts.netloc == "testserver", (name, url)
            assert parts.scheme in ("", "http", "https"), (name, url)
        assert page.forms or name not in ("home", "notice index", "search", "needs"), name
        for form in page.forms:
            attrs = form["attrs"]
            assert attrs.get("method", "").lower() in ("get", "post"), (name, attrs)
            assert attrs.get("action", "/") != "", (name, attrs)  # absent: the page itself
            assert form["submits"] >= 1, (name, attrs)
        assert page.problems == [], (name, page.problems)


def test_every_anonymous_page_has_its_own_title_and_a_description(client, pages):
    seen = parsed(client, pages)
    titles = {name: page.title.strip() for name, page in seen.items()}
    descriptions = {name: page.metas.get("description", "").strip() for name, page in seen.items()}
    assert all(titles.values()) and all(descriptions.values()), (titles, descriptions)
    assert len(set(titles.values())) == len(titles), titles
    assert len(set(descriptions.values())) == len(descriptions), descriptions
    assert titles["notice"].startswith("翠湖居家养老服务采购公告 · ")
    assert (
        titles["project"].startswith("翠湖居家养老服务采购") or "项目全程公开" in titles["project"]
    )
    assert titles["model case"].startswith("邻里守望 · ")
    assert titles["search"].startswith("搜索：养老")


def test_the_checks_catch_what_they_look_for():
    """The parser is not a test that asserts nothing: a CDN script, a button-less form, an
    inline handler and an htmx-only link are each reported."""
    page = Page(
        '<script src="https://cdn.example.com/x.js"></script>'
        '<form method="get"><input name="q"></form>'
        '<span onclick="go()">go</span><div hx-get="/more/">more</div>'
        '<form action="/x/" method="post"><a hx-post="/y/">y</a><button>ok</button></form>'
    )
    assert urlsplit(page.resources[0]).netloc == "cdn.example.com"
    assert [f["submits"] for f in page.forms] == [0, 1]
    assert page.problems == [
        "<span onclick=…>: an inline script handler",
        "<div> reachable only through htmx",
    ]

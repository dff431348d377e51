"""Place pages list a prefecture's or county's projects; policy pages carry their attachments."""

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.models import PolicyIndexPage, PolicyPage
from marketplace.models import ProjectState
from tests.marketplace.factories import ProjectFactory, force_state

pytestmark = pytest.mark.django_db
PHONE = re.compile(r"1[3-9]\d{9}")
PLACE_QUERIES = 8


def public_project(community, title, state=ProjectState.IN_DELIVERY):
    return force_state(ProjectFactory(community=community, title=title), state)


def test_county_page_lists_its_communities_public_projects(client, site, places):
    in_a = public_project(places["community_a"], "翠湖助老项目")
    in_village = public_project(places["village"], "西街口留守儿童项目")
    ProjectFactory(community=places["community_a"], title="翠湖草稿项目")  # draft
    html = client.get(f"/places/{places['wuhua'].code}/").content.decode()
    assert "翠湖助老项目" in html and f"/open/projects/{in_a.pk}/" in html
    assert "西街口留守儿童项目" not in html and "翠湖草稿项目" not in html
    assert "华山街道" in html  # the picker offers the places below
    assert "昆明市" in html  # and the way up
    prefecture = client.get(f"/places/{places['kunming'].code}/").content.decode()
    assert "翠湖助老项目" in prefecture and "西街口留守儿童项目" in prefecture
    assert f"/open/projects/{in_village.pk}/" in prefecture
    assert "<title>五华区的社区服务项目" in html


def test_the_place_picker_works_without_javascript(client, site, places):
    response = client.get("/places/", {"code": places["shilin"].code})
    assert response.status_code == 302
    assert response["Location"] == f"/places/{places['shilin'].code}/"
    assert (
        client.get("/places/", {"code": "x"})["Location"] == f"/places/{places['province'].code}/"
    )
    assert client.get("/places/999999999999/").status_code == 404


@pytest.mark.parametrize("size", [2, 30])
def test_place_page_constant_queries_and_pagination(
    client, site, places, django_assert_max_num_queries, size
):
    for i in range(size):
        public_project(places["community_b"], f"水晶宫项目{i}")
    with django_assert_max_num_queries(PLACE_QUERIES):
        response = client.get(f"/places/{places['huashan'].code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("/open/projects/") == min(size, 20)
    assert not PHONE.search(html)
    if size > 20:
        second = client.get(f"/places/{places['huashan'].code}/", {"page": 2}).content.decode()
        assert second.count("/open/projects/") == size - 20


@pytest.fixture
def policy(site):
    document = get_document_model()(title="政策原文")
    document.file.save("policy.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    page = PolicyPage(
        title="关于政府购买社会工作服务的指导意见",
        slug="policy",
        issuer="民政部 财政部",
        document_number="民发〔2012〕196号",
        issued_on=date(2012, 11, 14),
        search_description="民政部 财政部关于政府购买社会工作服务的指导意见",
        body=[{"type": "paragraph", "value": "<p>重点向城乡社区倾斜。</p>"}],
        attachments=[{"type": "attachment", "value": {"document": document.pk, "title": "全文"}}],
    )
    PolicyIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return page, document


def test_policy_page_shows_issuer_number_date_and_attachment(client, policy):
    page, document = policy
    html = client.get(page.url).content.decode()
    assert "民政部 财政部" in html and "民发〔2012〕196号" in html and "2012年11月14日" in html
    assert document.url in html and "全文" in html
    assert client.get(document.url).status_code == 200
    index = client.get(page.get_parent().url).content.decode()
    assert "关于政府购买社会工作服务的指导意见" in index and "民发〔2012〕196号" in index


def test_policy_index_and_page_titles_and_descriptions(client, policy):
    page, _document = policy
    html = client.get(page.url).content.decode()
    assert "<title>关于政府购买社会工作服务的指导意见 · " in html
    assert '<meta name="description" content="民政部 财政部关于' in html

"""The read-only API: pagination, filters, errors in Chinese, constant query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cms.models import NoticeKind
from cms.services.notices import notice_publish
from marketplace import clock
from marketplace.models import Place
from needs.models import Need, NeedState
from tests.marketplace.factories import OrganisationFactory, UserFactory, force_state
from tests.tenders.factories import published_tender

from .conftest import get_json

ENDPOINTS = ["needs", "projects", "tenders", "notices", "places", "organisations"]


def make_need(place, author, *, title="需求", state=NeedState.PUBLISHED, **fields):
    fields.setdefault("category", "elderly")
    need = Need.objects.create(
        community=place, author=author, title=title, description="描述", **fields
    )
    return force_state(need, state, published_at=clock.now())


def test_pagination_count_links_and_cap(client, places, resident):
    for i in range(5):
        make_need(places["community_a"], resident, title=f"需求{i}")
    url = reverse("api:needs")
    first = get_json(client, f"{url}?page_size=2")
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    last = get_json(client, f"{url}?page=3&page_size=2")
    assert len(last["results"]) == 1 and last["next"] is None and "page=2" in last["previous"]
    capped = get_json(client, f"{url}?page_size=5000")
    assert len(capped["results"]) == 5
    assert get_json(client, f"{url}?page=99")["results"] == []
    bad = get_json(client, f"{url}?page=abc", status=400)
    assert bad["errors"]["page"] == ["page 和 page_size 应为正整数。"]


def test_needs_only_public_without_personal_fields_and_filtered(client, places, resident):
    make_need(places["community_a"], resident, title="翠湖")
    make_need(places["community_b"], resident, title="水晶宫", category="children")
    make_need(places["village"], resident, title="西街口")
    make_need(places["community_a"], resident, title="待审核", state=NeedState.SUBMITTED)
    make_need(places["community_a"], resident, title="已撤回", state=NeedState.WITHDRAWN)
    url = reverse("api:needs")
    titles = lambda q="": sorted(r["title"] for r in get_json(client, url + q)["results"])  # noqa: E731
    assert titles() == ["水晶宫", "翠湖", "西街口"]
    assert titles(f"?place={places['huashan'].code}") == ["水晶宫", "翠湖"]
    assert titles(f"?place={places['village'].code}") == ["西街口"]
    assert titles("?category=children") == ["水晶宫"]
    item = get_json(client, url)["results"][0]
    assert not {"author", "contact_phone", "author_masked"} & set(item)
    errors = get_json(client, url + "?place=123&category=nope&created_from=2026-13-01", 400)
    assert errors["errors"] == {
        "place": ["地区代码应为 12 位数字。"],
        "category": [errors["errors"]["category"][0]],
        "created_from": ["日期格式应为 YYYY-MM-DD。"],
    }
    assert errors["errors"]["category"][0].startswith("取值无效")


def test_date_range_filters(client, places, resident):
    with clock.travel(clock.now() - timedelta(days=40)):
        make_need(places["community_a"], resident, title="旧")
    make_need(places["community_a"], resident, title="新")
    today = clock.today()
    url = reverse("api:needs")
    since = get_json(client, f"{url}?created_from={today - timedelta(days=1)}")["results"]
    assert [r["title"] for r in since] == ["新"]
    until = get_json(client, f"{url}?created_to={today - timedelta(days=30)}")["results"]
    assert [r["title"] for r in until] == ["旧"]


def test_places_tree_filters(client, places):
    url = reverse("api:places")
    children = get_json(client, f"{url}?parent={places['huashan'].code}")["results"]
    assert [p["code"] for p in children] == [places["community_a"].code, places["community_b"].code]
    level = get_json(client, f"{url}?level=3")["results"]
    assert {p["name"] for p in level} == {"五华区", "石林彝族自治县"}
    prefix = get_json(client, f"{url}?code_prefix=530126")["results"]
    assert {p["code"][:6] for p in prefix} == {"530126"} and len(prefix) == 3
    assert children[0]["parent"] == places["huashan"].code
    assert get_json(client, f"{url}?level=7", 400)["errors"]["level"]


def test_tenders_projects_and_organisations_filters(client, purchaser, places):
    published_tender(purchaser)
    url = reverse("api:tenders")
    assert get_json(client, f"{url}?state=published")["count"] == 1
    assert get_json(client, f"{url}?state=awarded")["count"] == 0
    assert get_json(client, f"{url}?place={places['shilin'].code}")["count"] == 0
    assert get_json(client, f"{url}?place={places['wuhua'].code}&method=open")["count"] == 1
    assert get_json(client, f"{url}?state=draft", 400)["errors"]["state"]
    projects = reverse("api:projects")
    assert get_json(client, f"{projects}?state=tendering")["count"] == 1
    assert get_json(client, f"{projects}?funding_source=fiscal")["count"] == 1
    OrganisationFactory(name="石林某组织", place=places["shilin"])
    orgs = reverse("api:organisations")
    names = [
        o["name"] for o in get_json(client, f"{orgs}?place={places['shilin'].code}")["results"]
    ]
    assert names == ["石林某组织"]


def test_notices_are_the_live_cms_notices_filtered_by_kind(client, site, purchaser, places):
    tender = published_tender(purchaser)
    notice_publish(kind=NoticeKind.TENDER, obj=tender)
    url = reverse("api:notices")
    data = get_json(client, url)
    assert data["count"] == 1 and data["results"][0]["kind"] == "tender"
    assert data["results"][0]["url"].startswith("http")
    assert get_json(client, f"{url}?kind=award")["count"] == 0
    assert get_json(client, f"{url}?place={places['huashan'].code}")["count"] == 1
    assert get_json(client, f"{url}?place={places['shilin'].code}")["count"] == 0


def test_lists_only_answer_get(client):
    response = client.post(reverse("api:places"))
    assert response.status_code == 405 and response["Allow"] == "GET"


def _grow(start, n, places, purchaser):
    author = UserFactory()
    for i in range(start, start + n):
        make_need(places["community_a"], author, title=f"需求{i}")
        tender = published_tender(purchaser)
        notice_publish(kind=NoticeKind.TENDER, obj=tender)
        OrganisationFactory()
        Place.objects.create(
            code=f"5301020019{i:02d}", name=f"社区{i}", level=5, parent=places["huashan"]
        )


@pytest.mark.parametrize("name", ENDPOINTS)
def test_constant_queries_at_two_sizes(
    client, name, places, purchaser, site, django_assert_max_num_queries
):
    url = reverse(f"api:{name}") + "?page_size=100"
    _grow(0, 2, places, purchaser)
    client.get(url)  # warm caches (content types, site root paths)
    with django_assert_max_num_queries(6) as small:
        get_json(client, url)
    _grow(2, 8, places, purchaser)
    with django_assert_max_num_queries(len(small.captured_queries)):
        get_json(client, url)

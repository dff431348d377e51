"""Single items of /api/v1/<resource>/<key>/: the list's public fields, JSON 404s in Chinese
for unknown or non-public objects, constant query counts."""

import pytest
from django.urls import reverse

from cms.models import NoticeKind
from cms.services.notices import notice_publish
from needs.models import NeedState
from tests.marketplace.factories import OrganisationFactory, ProjectFactory
from tests.tenders.factories import approved_project, draft_tender, published_tender

from .conftest import get_json
from .test_api_lists import make_need


def _list_item(client, name, key, value):
    results = get_json(client, reverse(f"api:{name}") + "?page_size=100")["results"]
    return next(r for r in results if r[key] == value)


def _detail(client, name, key, status=200):
    return get_json(client, reverse(f"api:{name}_detail", args=[key]), status)


def test_each_item_is_the_same_object_as_in_the_list(client, site, places, resident, purchaser):
    need = make_need(places["community_a"], resident, title="翠湖")
    tender = published_tender(purchaser)
    notice = notice_publish(kind=NoticeKind.TENDER, obj=tender)
    org = OrganisationFactory(name="春晖社工")
    keys = {
        "needs": need.pk,
        "projects": tender.project_id,
        "tenders": tender.pk,
        "notices": notice.pk,
        "organisations": org.pk,
    }
    for name, pk in keys.items():
        assert _detail(client, name, pk) == _list_item(client, name, "id", pk), name
    code = places["community_a"].code
    assert _detail(client, "places", code) == _list_item(client, "places", "code", code)


def test_need_detail_has_no_personal_fields(client, places, resident):
    need = make_need(places["community_a"], resident, title="楼道扶手", contact_phone="13812345678")
    body = _detail(client, "needs", need.pk)
    assert body["title"] == "楼道扶手"
    assert not {"author", "contact_phone", "author_masked"} & set(body)
    assert "13812345678" not in str(body) and resident.name not in str(body)


@pytest.mark.parametrize("state", [NeedState.SUBMITTED, NeedState.WITHDRAWN, NeedState.MERGED])
def test_a_need_not_public_is_not_found(client, places, resident, state):
    need = make_need(places["community_a"], resident, state=state)
    body = _detail(client, "needs", need.pk, status=404)
    assert body == {"errors": {"__all__": [f"找不到编号为 {need.pk} 的公开居民需求。"]}}


def test_drafts_are_not_found(client, purchaser):
    tender = draft_tender(approved_project(), purchaser)
    assert _detail(client, "tenders", tender.pk, 404)["errors"]["__all__"][0].startswith("找不到")
    project = ProjectFactory()  # a draft design
    assert _detail(client, "projects", project.pk, 404)["errors"]["__all__"]


@pytest.mark.parametrize(
    "name,key",
    [
        ("needs", "999999"),
        ("needs", "abc"),
        ("needs", "1.5"),
        ("tenders", "０１"),
        ("places", "530102"),
        ("places", "999999999999"),
        ("organisations", "-1"),
        ("notices", "999999"),
    ],
)
def test_unknown_or_malformed_keys_are_json_404s(client, places, name, key):
    body = _detail(client, name, key, status=404)
    assert body["errors"]["__all__"][0].startswith("找不到")
    assert key in body["errors"]["__all__"][0]


def test_a_place_is_found_by_its_code_not_its_pk(client, places):
    place = places["huashan"]
    assert _detail(client, "places", place.code)["name"] == place.name
    _detail(client, "places", str(place.pk), status=404)


def test_items_only_answer_get(client, places):
    response = client.post(reverse("api:places_detail", args=[places["huashan"].code]))
    assert response.status_code == 405 and response["Allow"] == "GET"


@pytest.mark.parametrize("name", ["needs", "projects", "tenders", "notices", "organisations"])
def test_one_item_in_constant_queries(
    client, name, site, places, resident, purchaser, django_assert_max_num_queries
):
    tender = published_tender(purchaser)
    keys = {
        "needs": make_need(places["community_a"], resident).pk,
        "projects": tender.project_id,
        "tenders": tender.pk,
        "notices": notice_publish(kind=NoticeKind.TENDER, obj=tender).pk,
        "organisations": OrganisationFactory().pk,
    }
    url = reverse(f"api:{name}_detail", args=[keys[name]])
    client.get(url)  # warm caches (content types, site root paths)
    with django_assert_max_num_queries(3):
        get_json(client, url)


def test_a_place_in_one_query(client, places, django_assert_max_num_queries):
    url = reverse("api:places_detail", args=[places["community_a"].code])
    with django_assert_max_num_queries(2):
        get_json(client, url)

"""POST /api/v1/needs/: token-scoped need imports from 12345 / 一网通办."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.api.models import ApiToken, ImportedNeed, ImportSource, hash_token
from cms.api.services import token_create
from needs.models import Need, NeedState
from needs.selectors import review_queue

URL = "/api/v1/needs/"


@pytest.fixture
def token(places, superuser):
    """A 12345 hotline token for 华山街道 (communities A and B, not the village)."""
    return token_create(
        name="五华区12345热线",
        place=places["huashan"],
        source=ImportSource.HOTLINE,
        created_by=superuser,
    )


def payload(places, **changes):
    data = {
        "external_id": "GD-2026-000123",
        "community": places["community_a"].code,
        "category": "elderly",
        "title": "独居老人需要上门探访",
        "description": "来电反映楼内独居老人较多，希望社区组织上门探访。",
        "people_count": 6,
        "contact_phone": "13712345678",
    }
    data.update(changes)
    return data


def post(client, data, raw=None, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    content = body if body is not None else json.dumps(data)
    return client.post(URL, content, content_type="application/json", **headers)


def test_a_token_imports_a_need_into_its_subtree_for_review(client, token, places, staff):
    api_token, raw = token
    response = post(client, payload(places), raw)
    assert response.status_code == 201, response.content
    body = response.json()
    need = Need.objects.get(pk=body["id"])
    assert need.state == NeedState.SUBMITTED and need.community == places["community_a"]
    assert need.author == api_token.user and need.contact_phone == "13712345678"
    assert "13712345678" not in response.content.decode()
    assert list(review_queue(staff)) == [need]  # the normal review queue
    assert ImportedNeed.objects.get(need=need).external_id == "GD-2026-000123"
    api_token.refresh_from_db()
    assert api_token.last_used is not None


def test_the_same_external_id_twice_gives_one_need(client, token, places):
    _api_token, raw = token
    first = post(client, payload(places), raw)
    second = post(client, payload(places, title="重复推送"), raw)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Need.objects.count() == 1


def test_outside_the_token_subtree_is_refused_and_nothing_written(client, token, places):
    _api_token, raw = token
    response = post(client, payload(places, community=places["village"].code), raw)
    assert response.status_code == 403
    assert response.json()["errors"]["community"] == ["该令牌无权在此地区提交需求。"]
    assert Need.objects.count() == 0 and ImportedNeed.objects.count() == 0


def test_missing_wrong_or_inactive_token_is_401(client, token, places):
    api_token, raw = token
    assert post(client, payload(places)).status_code == 401
    assert post(client, payload(places), "not-a-token").status_code == 401
    ApiToken.objects.filter(pk=api_token.pk).update(is_active=False)
    response = post(client, payload(places), raw)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
    assert Need.objects.count() == 0


def test_bad_input_is_400_per_field_in_chinese_and_nothing_written(client, token, places):
    _api_token, raw = token
    data = payload(
        places,
        external_id="",
        community=places["huashan"].code,
        category="nope",
        people_count=0,
        contact_phone="12345",
    )
    del data["title"]
    response = post(client, data, raw)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {
        "external_id", "community", "category", "title", "people_count", "contact_phone"
    }  # fmt: skip
    assert errors["title"] == ["此项必填。"]
    assert errors["community"] == ["需求须提给一个社区或村（第 5 级区划）。"]
    assert errors["category"] == ["没有这个类别代码。"]
    assert errors["people_count"] == ["至少为 1。"]
    assert Need.objects.count() == 0 and ImportedNeed.objects.count() == 0
    not_json = post(client, None, raw, body="{oops")
    assert not_json.status_code == 400
    assert not_json.json()["errors"]["__all__"] == ["请求体不是有效的 JSON。"]


def test_tokens_are_kept_hashed(token):
    api_token, raw = token
    assert api_token.token_hash == hash_token(raw) and raw not in api_token.token_hash
    assert api_token.prefix == raw[:8]
    assert not api_token.user.has_usable_password()


def test_management_command_creates_a_scoped_token(places, superuser):
    out = io.StringIO()
    call_command(
        "create_api_token",
        "--name", "石林县一网通办",
        "--place", places["shilin"].code,
        "--source", "one_network",
        "--created-by", superuser.username,
        stdout=out,
    )  # fmt: skip
    raw = out.getvalue().strip().rsplit("：", 1)[-1]
    token = ApiToken.objects.get(token_hash=hash_token(raw))
    assert token.place == places["shilin"] and token.created_by == superuser


def test_admin_creates_a_token_and_shows_it_once(client, superuser, places):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:cms_api_apitoken_add"),
        {"name": "华山街道热线", "place": places["huashan"].pk, "source": "hotline_12345"},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    messages = [str(m) for m in response.context["messages"]]
    raw = messages[0].rsplit("：", 1)[-1]
    assert hash_token(raw) == token.token_hash and token.created_by == superuser

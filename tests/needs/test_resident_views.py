"""Residents over HTTP: post a need, endorse, follow, withdraw, my needs, my work panel."""

import pytest
from django.urls import reverse

from needs.models import Need, NeedState
from needs.services import needs as services

from .factories import NeedFactory, published


def test_resident_posts_a_need_in_their_own_community(client, resident, places):
    client.force_login(resident)
    page = client.get(reverse("needs:create")).content.decode()
    assert f'value="{places["community_a"].code}" selected' in page
    response = client.post(
        reverse("needs:create"),
        {
            "category": "elderly",
            "community": places["community_a"].code,
            "title": "居家养老服务",
            "description": "希望有人上门探访。",
            "people_count": 12,
            "contact_phone": "13812341234",
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302
    assert (need.author, need.community, need.state) == (
        resident,
        places["community_a"],
        "submitted",
    )


def test_invalid_need_keeps_input_and_shows_errors(client, resident, places):
    client.force_login(resident)
    response = client.post(
        reverse("needs:create"),
        {
            "category": "elderly",
            "community": places["community_a"].code,
            "title": "保留标题",
            "description": "",
            "people_count": 1,
            "contact_phone": "12345",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "保留标题" in body and 'class="error"' in body
    assert not Need.objects.exists()


def test_anonymous_is_sent_to_login(client, places):
    response = client.get(reverse("needs:create"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_endorse_over_http_once(client, resident2):
    need = published()
    client.force_login(resident2)
    url = reverse("needs:endorse", args=[need.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 409
    assert client.get(url).status_code == 405
    need.refresh_from_db()
    assert need.endorsement_count == 1
    assert "您已附议" in client.get(reverse("needs:detail", args=[need.pk])).content.decode()


def test_endorse_unpublished_over_http_is_refused(client, resident2):
    need = NeedFactory()
    client.force_login(resident2)
    assert client.post(reverse("needs:endorse", args=[need.pk])).status_code == 409
    assert need.endorsements.count() == 0


def test_follow_and_unfollow(client, resident2):
    need = published()
    client.force_login(resident2)
    client.post(reverse("needs:follow", args=[need.pk]))
    assert need.follows.filter(user=resident2).exists()
    client.post(reverse("needs:follow", args=[need.pk]), {"follow": "0"})
    assert not need.follows.filter(user=resident2).exists()


def test_withdraw_by_author_only(client, resident2):
    need = NeedFactory()
    client.force_login(resident2)
    assert client.post(reverse("needs:withdraw", args=[need.pk])).status_code == 403
    client.force_login(need.author)
    assert client.post(reverse("needs:withdraw", args=[need.pk])).status_code == 302
    need.refresh_from_db()
    assert need.state == NeedState.WITHDRAWN


@pytest.mark.parametrize("count", [2, 12])
def test_my_needs_shows_a_timeline_in_constant_queries(
    client, staff, resident, django_assert_max_num_queries, count
):
    needs = [NeedFactory(author=resident) for _ in range(count)]
    services.need_publish(need=needs[0], user=staff)
    services.need_reject(need=needs[1], user=staff, reason="不属于社区服务范围")
    client.force_login(resident)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("needs:mine")).content.decode()
    assert "不属于社区服务范围" in body and "已公开" in body


def test_my_work_panels(client, resident, staff):
    NeedFactory(author=resident, title="我的养老需求")
    client.force_login(resident)
    assert "我的养老需求" in client.get(reverse("my_work")).content.decode()
    client.force_login(staff)
    assert "1 条需求待审核" in client.get(reverse("my_work")).content.decode()


@pytest.mark.parametrize("count", [3, 45])
def test_my_needs_is_paginated_in_constant_queries(
    client, resident, django_assert_max_num_queries, count
):
    for i in range(count):
        NeedFactory(author=resident, title=f"我的需求{i:02d}")
    client.force_login(resident)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("needs:mine")).content.decode()
    assert body.count("<article") == min(count, 20)
    if count > 20:
        last = client.get(reverse("needs:mine"), {"page": 3}).content.decode()
        assert last.count("<article") == count - 40 and "我的需求00" in last

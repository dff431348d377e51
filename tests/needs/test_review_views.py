"""Community staff over HTTP: the review queue, publish / reject / merge, consultations."""

import pytest
from django.urls import reverse

from needs.models import ConsultationDecision, NeedState

from .factories import PEOPLE, NeedFactory, published


def test_queue_lists_only_their_communities(client, staff, places):
    NeedFactory(title="翠湖的需求")
    NeedFactory(title="水晶宫的需求", community=places["community_b"])
    client.force_login(staff)
    body = client.get(reverse("needs:review")).content.decode()
    assert "翠湖的需求" in body and "水晶宫的需求" not in body


def test_residents_have_no_queue(client, resident):
    client.force_login(resident)
    assert client.get(reverse("needs:review")).status_code == 403


def test_staff_publish(client, staff):
    need = NeedFactory()
    client.force_login(staff)
    assert client.post(reverse("needs:publish", args=[need.pk])).status_code == 302
    need.refresh_from_db()
    assert need.state == NeedState.PUBLISHED


def test_staff_of_b_cannot_review_a(client, staff_b):
    need, target = NeedFactory(), published()
    client.force_login(staff_b)
    for name, data in [
        ("needs:publish", {}),
        ("needs:reject", {"reason": "不行"}),
        ("needs:merge", {"into": target.pk}),
    ]:
        assert client.post(reverse(name, args=[need.pk]), data).status_code == 403, name
    assert client.post(reverse("needs:bulk_publish"), {"need": [need.pk]}).status_code == 403
    need.refresh_from_db()
    assert need.state == NeedState.SUBMITTED and need.merged_into is None


def test_bulk_publish(client, staff, staff_b, places):
    mine = [NeedFactory(), NeedFactory()]
    other = NeedFactory(community=places["community_b"])
    client.force_login(staff)
    response = client.post(reverse("needs:bulk_publish"), {"need": [n.pk for n in mine]})
    assert response.status_code == 302
    assert {n.state for n in type(other).objects.filter(pk__in=[n.pk for n in mine])} == {
        "published"
    }
    # One need outside the staff's communities refuses the whole batch.
    extra = NeedFactory()
    response = client.post(reverse("needs:bulk_publish"), {"need": [extra.pk, other.pk]})
    assert response.status_code == 403
    extra.refresh_from_db()
    other.refresh_from_db()
    assert extra.state == other.state == NeedState.SUBMITTED


def test_reject_needs_a_reason(client, staff):
    need = NeedFactory()
    client.force_login(staff)
    client.post(reverse("needs:reject", args=[need.pk]), {"reason": ""})
    need.refresh_from_db()
    assert need.state == NeedState.SUBMITTED
    client.post(reverse("needs:reject", args=[need.pk]), {"reason": "重复提交"})
    need.refresh_from_db()
    assert need.state == NeedState.REJECTED


def test_merge_over_http(client, staff, resident2):
    target, duplicate = published(), NeedFactory()
    client.force_login(staff)
    response = client.post(reverse("needs:merge", args=[duplicate.pk]), {"into": target.pk})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.state == NeedState.MERGED and duplicate.merged_into == target
    body = client.get(reverse("needs:detail", args=[duplicate.pk])).content.decode()
    assert target.title in body


def test_consultation_over_http(client, staff, staff_b, places):
    go, later = published(title="推进的需求"), published(title="暂缓的需求")
    client.force_login(staff)
    url = reverse("needs:consultation_create")
    assert "推进的需求" in client.get(url).content.decode()
    data = {
        "date": "2026-11-20",
        "place": "议事厅",
        **PEOPLE,
        "minutes": "讨论两项需求",
        f"decision_{go.pk}": "go_forward",
        f"decision_{later.pk}": "defer",
        f"reason_{later.pk}": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "须说明理由" in response.content.decode()
    data[f"reason_{later.pk}"] = "资金未落实"
    assert client.post(url, data).status_code == 302
    assert ConsultationDecision.objects.get(need=go).decision == "go_forward"
    client.force_login(staff_b)
    url_a = url + "?community=" + places["community_a"].code
    assert client.get(url_a).status_code == 403


@pytest.mark.parametrize("size", [3, 60])
def test_the_queue_is_paginated_in_constant_queries(
    client, staff, django_assert_max_num_queries, size
):
    for i in range(size):
        NeedFactory(title=f"待审需求{i:02d}")
    published(title="合并目标")
    client.force_login(staff)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("needs:review")).content.decode()
    assert body.count('name="need" value=') == min(size, 50)
    if size > 50:
        assert "第 1 / 2 页" in body
        second = client.get(reverse("needs:review"), {"page": 2}).content.decode()
        assert second.count('name="need" value=') == size - 50
        assert "待审需求59" in second  # oldest first: the newest on the last page

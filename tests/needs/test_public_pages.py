"""The public need list and page: filters, search, constant queries, no personal data."""

import pytest
from django.urls import reverse

from needs.models import Category, NeedState
from needs.services import needs as services
from tests.marketplace.factories import UserFactory, force_state

from .factories import NeedFactory, many_published, published

PHONE = "13912345678"


@pytest.fixture
def needs_with_phone(places):
    author = UserFactory(name="张三丰", phone="13700007777")
    public = published(
        title="居家养老服务站", contact_phone=PHONE, author=author, description="老人多"
    )
    private = NeedFactory(title="待审核的需求", contact_phone=PHONE, author=author)
    return public, private


def test_anonymous_list_and_page_show_no_contact(client, needs_with_phone):
    public, _ = needs_with_phone
    for url in (reverse("needs:list"), reverse("needs:detail", args=[public.pk])):
        body = client.get(url).content.decode()
        assert public.title in body
        assert PHONE not in body and "1391234" not in body and "5678" not in body
        assert "13700007777" not in body
        assert "张三丰" not in body and "张**" in body  # author masked


def test_logged_in_resident_sees_no_contact_either(client, needs_with_phone, resident2):
    public, _ = needs_with_phone
    client.force_login(resident2)
    body = client.get(reverse("needs:detail", args=[public.pk])).content.decode()
    assert PHONE not in body and "139****5678" not in body


def test_staff_see_the_contact_masked(client, needs_with_phone, staff):
    public, _ = needs_with_phone
    client.force_login(staff)
    body = client.get(reverse("needs:detail", args=[public.pk])).content.decode()
    assert "139****5678" in body and PHONE not in body


def test_unpublished_need_is_hidden_from_the_public(client, needs_with_phone, resident2):
    _, private = needs_with_phone
    url = reverse("needs:detail", args=[private.pk])
    assert client.get(url).status_code == 404
    client.force_login(resident2)
    assert client.get(url).status_code == 404
    assert private.title not in client.get(reverse("needs:list")).content.decode()
    client.force_login(private.author)
    assert client.get(url).status_code == 200


def test_rejection_reason_is_shown_to_the_author_only(client, staff, resident2, staff_b):
    need = NeedFactory()
    services.need_reject(need=need, user=staff, reason="属物业管理事项，已转交")
    url = reverse("needs:detail", args=[need.pk])
    client.force_login(need.author)
    assert "属物业管理事项，已转交" in client.get(url).content.decode()
    for other in (resident2, staff_b):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert "属物业管理事项" not in client.get(reverse("needs:list")).content.decode()


def test_search_finds_chinese_words_inside_titles(client, places):
    published(title="居家养老服务", description="上门探访")
    published(title="儿童托管", description="四点半课堂")
    body = client.get(reverse("needs:list"), {"q": "养老"}).content.decode()
    assert "居家养老服务" in body and "儿童托管" not in body
    body = client.get(reverse("needs:list"), {"q": "四点半"}).content.decode()
    assert "儿童托管" in body and "居家养老服务" not in body


def test_filters_by_place_at_any_level_category_and_state(client, places):
    published(title="翠湖需求", community=places["community_a"])
    published(title="石林村需求", community=places["village"], category=Category.RURAL)
    force_state(NeedFactory(title="已纳入的需求"), NeedState.ADOPTED)
    url = reverse("needs:list")
    for code in (places["wuhua"].code, places["huashan"].code, places["community_a"].code):
        body = client.get(url, {"place": code}).content.decode()
        assert "翠湖需求" in body and "石林村需求" not in body
    body = client.get(url, {"place": places["shilin"].code}).content.decode()
    assert "石林村需求" in body and "翠湖需求" not in body
    body = client.get(url, {"category": Category.RURAL}).content.decode()
    assert "石林村需求" in body and "翠湖需求" not in body
    body = client.get(url, {"state": NeedState.ADOPTED}).content.decode()
    assert "已纳入的需求" in body and "翠湖需求" not in body


def test_sort_by_most_endorsed(client, places):
    published(title="多附议", endorsement_count=9)
    published(title="少附议", endorsement_count=1)  # newer
    body = client.get(reverse("needs:list"), {"sort": "endorsed"}).content.decode()
    assert body.index("多附议") < body.index("少附议")
    body = client.get(reverse("needs:list")).content.decode()
    assert body.index("少附议") < body.index("多附议")  # newest first


def test_list_is_paginated(client, places):
    for i in range(25):
        published(title=f"分页需求{i:02d}")
    first = client.get(reverse("needs:list")).content.decode()
    second = client.get(reverse("needs:list"), {"page": 2}).content.decode()
    assert "分页需求24" in first and "分页需求00" not in first
    assert "分页需求00" in second and "第 2 / 2 页" in second


@pytest.fixture(params=[100, 10_000], ids=["100-needs", "10000-needs"])
def volume(request, places):
    authors = [UserFactory() for _ in range(3)]
    communities = [places["community_a"], places["village"]]
    many_published(request.param, communities=communities, authors=authors)
    return request.param


@pytest.mark.parametrize(
    "query", [{}, {"place": "530100000000", "sort": "endorsed"}, {"q": "需求"}]
)
def test_list_runs_constant_queries(client, volume, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("needs:list"), {**query, "page": 3})
    assert response.status_code == 200
    assert "批量需求" in response.content.decode()


def test_detail_runs_constant_queries(client, volume, resident2, django_assert_max_num_queries):
    need = published()
    for _ in range(30):
        services.need_endorse(need=need, user=UserFactory())
    client.force_login(resident2)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("needs:detail", args=[need.pk])).status_code == 200


def test_project_page_lists_its_needs_without_personal_data(client, staff, places):
    from tests.marketplace.factories import ProjectFactory

    from .factories import go_forward

    need = published(title="独居老人上门探访", contact_phone=PHONE)
    go_forward(need, staff)
    project = ProjectFactory(designer=staff)
    from marketplace.workflow import apply_transition

    apply_transition(need, "adopt", actor=staff, project=project)
    force_state(project, "approved", approved_budget=20000, funding_source="fiscal")
    body = client.get(reverse("project_detail", args=[project.pk])).content.decode()
    assert "独居老人上门探访" in body and PHONE not in body and "139****" not in body
    assert "修改项目书" not in body

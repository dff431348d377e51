"""A resident picks the need's community from the place tree, one level a page, without JS."""

import pytest
from django.urls import reverse

from marketplace.models import Place, PlaceLevel
from needs.models import Need

FORM = {
    "category": "elderly",
    "title": "老年人助餐",
    "description": "希望社区办一个老年助餐点。",
    "people_count": 8,
    "contact_phone": "",
}


def test_a_resident_without_a_role_picks_a_community_through_the_tree(client, outsider, places):
    client.force_login(outsider)
    form = client.get(reverse("needs:create")).content.decode()
    pick = reverse("needs:community_pick")
    assert "选择其他社区" in form and pick in form
    assert places["community_a"].code not in form  # nothing offered without a role or a pick

    steps = [
        ("province", ["kunming"]),
        ("kunming", ["wuhua", "shilin"]),
        ("wuhua", ["huashan"]),
        ("huashan", ["community_a", "community_b"]),
    ]
    for here, children in steps:
        query = {} if here == "province" else {"place": places[here].code}
        response = client.get(pick, query)
        assert response.status_code == 200, here
        body = response.content.decode()
        for child in children:
            assert places[child].name in body, (here, child)
            if places[child].level < PlaceLevel.COMMUNITY:
                assert f"{pick}?place={places[child].code}" in body
            else:
                assert f"{reverse('needs:create')}?community={places[child].code}" in body
    assert places["village"].name not in body  # only the children of the place shown

    code = places["community_b"].code
    form = client.get(reverse("needs:create"), {"community": code}).content.decode()
    assert f'value="{code}" selected' in form
    response = client.post(reverse("needs:create"), {**FORM, "community": code})
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.author, need.community) == (outsider, places["community_b"])


def test_the_form_keeps_the_residents_own_community_and_offers_the_tree(client, resident, places):
    client.force_login(resident)
    body = client.get(reverse("needs:create")).content.decode()
    assert f'value="{places["community_a"].code}" selected' in body
    assert places["community_b"].name in body  # the street's other communities
    assert "选择其他社区" in body


@pytest.mark.parametrize(
    "code, message",
    [
        ("530102001000", "不是社区或村"),  # 华山街道: a street, not a community
        ("530102001999", "找不到这个社区/村"),
        ("abc", "找不到这个社区/村"),
    ],
)
def test_a_street_or_an_unknown_code_is_refused(client, outsider, places, code, message):
    client.force_login(outsider)
    response = client.post(reverse("needs:create"), {**FORM, "community": code})
    assert response.status_code == 400
    body = response.content.decode()
    field = body[body.index('id="id_community"') - 600 : body.index('id="id_community"')]
    assert message in field  # next to the field
    assert not Need.objects.exists()


def test_picking_a_community_page_goes_back_to_the_form(client, outsider, places):
    client.force_login(outsider)
    response = client.get(reverse("needs:community_pick"), {"place": places["village"].code})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('needs:create')}?community={places['village'].code}"


def test_the_picker_needs_a_login(client, places):
    response = client.get(reverse("needs:community_pick"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("extra", [0, 40])
def test_picker_pages_run_constant_queries(
    client, outsider, places, django_assert_max_num_queries, extra
):
    huashan = places["huashan"]
    Place.objects.bulk_create(
        Place(
            code=f"530102001{100 + i:03d}",
            name=f"新社区{i}",
            level=PlaceLevel.COMMUNITY,
            parent=huashan,
        )
        for i in range(extra)
    )
    client.force_login(outsider)
    # session, user, roles, unread notices, the place, the way up, its children
    with django_assert_max_num_queries(7):
        body = client.get(reverse("needs:community_pick"), {"place": huashan.code})
    assert body.content.decode().count("?community=") == 2 + extra

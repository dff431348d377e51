"""The twelve need categories, and an unknown one refused by the service and over HTTP."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from needs.models import Category, Need
from needs.services import needs as services


def test_the_twelve_categories_exactly():
    assert [(c.value, str(c.label)) for c in Category] == [
        ("elderly", "养老服务"),
        ("disability", "助残服务"),
        ("children", "儿童与未成年人"),
        ("left_behind", "三留守关爱"),
        ("employment", "就业帮扶"),
        ("health", "健康服务"),
        ("culture", "文化体育"),
        ("legal", "法律援助"),
        ("safety", "平安建设"),
        ("convenience", "便民服务"),
        ("rural", "农村生产"),
        ("other", "其他"),
    ]


def test_the_service_refuses_an_unknown_category(resident, places):
    with pytest.raises(ValidationError) as refused:
        services.need_submit(
            user=resident,
            community=places["community_a"],
            category="housing",
            title="住房",
            description="想申请廉租房",
        )
    assert "未知的需求类别" in str(refused.value.message_dict["category"])
    assert not Need.objects.exists()


def test_every_category_is_accepted(resident, places):
    for category in Category.values:
        services.need_submit(
            user=resident,
            community=places["community_a"],
            category=category,
            title=f"需求{category}",
            description="说明",
        )
    assert set(Need.objects.values_list("category", flat=True)) == set(Category.values)


def test_an_unknown_category_over_http_is_refused(client, resident, places):
    client.force_login(resident)
    body = client.get(reverse("needs:create")).content.decode()
    for category in Category:
        assert f'value="{category.value}"' in body and str(category.label) in body
    response = client.post(
        reverse("needs:create"),
        {
            "category": "housing",
            "community": places["community_a"].code,
            "title": "住房",
            "description": "想申请廉租房",
            "people_count": 1,
        },
    )
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not Need.objects.exists()

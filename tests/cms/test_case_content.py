"""A model case's StreamField: text, images (Wagtail renditions with alt text), quotes and
figures, as the public sees them, in a constant number of queries."""

from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.models import CaseIndexPage

from .factories import completed, delivered
from .test_cases import CASE_QUERIES, publish_case

pytestmark = pytest.mark.django_db


def tiny_image(title):
    data = BytesIO()
    PILImage.new("RGB", (8, 6), (200, 80, 40)).save(data, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(data, name="photo.png"))


def story(images):
    return [
        {"type": "heading", "value": {"text": "做法", "size": "h2"}},
        {"type": "paragraph", "value": "<p>以老助老，<b>守望相助</b>。</p>"},
        *(
            {"type": "image", "value": {"image": image.pk, "caption": f"图{i}：活动现场"}}
            for i, image in enumerate(images)
        ),
        {"type": "quote", "value": {"text": "以前摔倒了都没人知道。", "attribution": "张奶奶"}},
        {"type": "figure", "value": {"value": "120", "label": "上门探访（户次）"}},
    ]


@pytest.fixture
def project(organisation, purchaser, org_admin, social_worker):
    return completed(
        delivered(
            organisation=organisation,
            purchaser=purchaser,
            org_admin=org_admin,
            social_worker=social_worker,
        )
    )


@pytest.mark.parametrize("count", [1, 3])
def test_case_renders_text_images_quote_and_figures_in_constant_queries(
    client, site, project, editors, django_assert_max_num_queries, count
):
    cache.clear()  # renditions are cached: start from none
    images = [tiny_image(f"长者活动照片{i}") for i in range(count)]
    case = publish_case(CaseIndexPage.objects.get(), project, editors, body=story(images))
    first = client.get(case.url)  # makes the renditions
    assert first.status_code == 200
    with django_assert_max_num_queries(CASE_QUERIES + 1):  # + the images, in one query
        response = client.get(case.url)
    html = response.content.decode()
    assert "<h2>做法</h2>" in html
    assert "以老助老，<b>守望相助</b>。" in html
    for i, image in enumerate(images):
        rendition = image.get_rendition("width-720")
        assert f'alt="长者活动照片{i}"' in html
        assert f'src="{rendition.url}"' in html and "width-720" in rendition.url
        assert f"图{i}：活动现场" in html
    assert html.count("<img ") == count
    assert 'loading="lazy"' in html
    assert "<blockquote><p>以前摔倒了都没人知道。</p><footer" in html and "— 张奶奶" in html
    assert '<span class="num">120</span> <span>上门探访（户次）</span>' in html


def test_an_unpublished_case_with_images_is_not_shown(client, site, project, editors):
    from cms.services.cases import case_draft

    image = tiny_image("未发布照片")
    case = case_draft(
        index=CaseIndexPage.objects.get(),
        user=editors[0],
        title="尚未发布的案例",
        project=project,
        body=story([image]),
    )
    assert client.get(case.url or "/cases/draft/").status_code == 404

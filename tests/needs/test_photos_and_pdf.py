"""Photos lose their EXIF (GPS) data; the design PDF carries its Chinese text."""

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from marketplace import documents
from needs.models import Need, NeedPhoto
from needs.services.photos import MAX_BYTES, clean_image
from tests.support.pdf import CJK_FONT_NAMES, pdf_fonts

from .factories import go_forward, published


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (25.0, 2.0, 30.0), 3: "E", 4: (102.0, 42.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_exif_and_location_are_stripped(db):
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()  # the upload carries EXIF
    clean, ext = clean_image(raw)
    image = Image.open(io.BytesIO(clean))
    assert ext == "jpg" and not image.getexif() and "exif" not in image.info
    assert b"PhoneMaker" not in clean


@pytest.mark.parametrize(
    "data, message",
    [
        (b"GIF89a not really", "无法识别"),
        (b"%PDF-1.4 fake", "无法识别"),
        (b"\xff" * (MAX_BYTES + 1), "5 MB"),
    ],
)
def test_wrong_type_or_size_is_refused(db, data, message):
    from marketplace.workflow import WorkflowError

    with pytest.raises(WorkflowError, match=message):
        clean_image(data)


def test_gif_is_refused_even_when_valid(db):
    from marketplace.workflow import WorkflowError

    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="GIF")
    with pytest.raises(WorkflowError, match="JPG 或 PNG"):
        clean_image(out.getvalue())


def post_need(client, places, photos):
    return client.post(
        reverse("needs:create"),
        {
            "category": "elderly",
            "community": places["community_a"].code,
            "title": "带照片的需求",
            "description": "见照片",
            "people_count": 3,
            "contact_phone": "",
            "photos": photos,
        },
    )


def test_resident_uploads_photos_served_only_with_the_need(client, resident, resident2, places):
    client.force_login(resident)
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert post_need(client, places, [photo]).status_code == 302
    need = Need.objects.get()
    stored = NeedPhoto.objects.get(need=need)
    assert b"PhoneMaker" not in stored.image.read()
    url = reverse("needs:photo", args=[need.pk, stored.pk])
    assert client.get(url).status_code == 200  # the author
    client.force_login(resident2)
    assert client.get(url).status_code == 404  # not yet published


def test_more_than_six_photos_is_refused(client, resident, places):
    client.force_login(resident)
    photos = [
        SimpleUploadedFile(f"{i}.jpg", jpeg_with_gps(), content_type="image/jpeg") for i in range(7)
    ]
    response = post_need(client, places, photos)
    assert response.status_code == 400 and "最多上传 6 张" in response.content.decode()
    assert not Need.objects.exists()


def test_a_bad_photo_refuses_the_whole_need(client, resident, places):
    client.force_login(resident)
    bad = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = post_need(client, places, [bad])
    assert response.status_code == 400
    assert not Need.objects.exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
def test_design_pdf_has_extractable_chinese_text(staff, places, tmp_path):
    from needs.services import designs

    need = published(title="独居老人居家养老上门服务")
    go_forward(need, staff)
    project = designs.design_create(
        user=staff,
        community=places["community_a"],
        fields=designs.DesignFields(
            title="翠湖西路社区居家养老服务项目",
            background="辖区独居老人多",
            beneficiaries="独居老人",
            objectives="提升生活质量",
            service_content="上门探访与助餐",
        ),
        indicators=[designs.IndicatorLine("output", "上门探访", "人次", Decimal(200))],
        budget_lines=[designs.BudgetItem("社工劳务补贴", Decimal("3000"), Decimal(12))],
        needs=[need],
    )
    doc = documents.render_and_keep(project.pk, "design")
    path = tmp_path / "design.pdf"
    path.write_bytes(doc.file.read())
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in [
        "翠湖西路社区居家养老服务项目",
        "翠湖西路社区居民委员会",
        "独居老人居家养老上门服务",
        "社工劳务补贴",
        "36000.00",
    ]:
        assert expected in text, expected
    fonts = pdf_fonts(path)
    cjk = [(name, embedded) for name, embedded in fonts if name.startswith(CJK_FONT_NAMES)]
    assert cjk, f"no CJK font in the PDF (run scripts/setup): {fonts}"
    assert all(embedded for _, embedded in cjk), cjk
    assert all(embedded for _, embedded in fonts), fonts  # nothing left to the reader's fonts

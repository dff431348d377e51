import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from evaluations.models import LogEvidence
from evaluations.services.evidence import MAX_BYTES, evidence_add
from evaluations.services.logs import log_correct
from tests.needs.test_photos_and_pdf import jpeg_with_gps

from .test_logs import record


def office(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<x/>")
    return out.getvalue()


@pytest.fixture
def log(delivery, social_worker):
    return record(delivery, social_worker)


def test_photo_is_kept_without_exif(log, social_worker):
    evidence = evidence_add(log=log, user=social_worker, name="活动.JPG", data=jpeg_with_gps())
    assert (evidence.extension, evidence.name) == ("jpg", "活动.jpg")
    with evidence.file.open("rb") as fh:
        image = Image.open(io.BytesIO(fh.read()))
        assert not image.getexif() and "exif" not in image.info
    from marketplace.models.document import private_storage

    assert evidence.file.storage is private_storage()  # private: only the checked view serves it


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("签到表.pdf", b"%PDF-1.7\n..."),
        ("总结.docx", office("word/document.xml")),
        ("台账.xlsx", office("xl/workbook.xml")),
    ],
)
def test_documents_accepted(log, social_worker, name, data):
    assert evidence_add(log=log, user=social_worker, name=name, data=data).size == len(data)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("脚本.exe", b"MZ...", "只接受"),
        ("伪装.pdf", b"<html>", "不是 PDF"),
        ("伪装.docx", b"not a zip", "不符"),
        ("表格.xlsx", office("word/document.xml"), "不符"),
        ("照片.jpg", b"not an image", "无法识别"),
        ("大文件.pdf", b"%PDF-" + b"0" * MAX_BYTES, "10 MB"),
    ],
)
def test_bad_files_refused(log, social_worker, name, data, message):
    with pytest.raises(ValidationError, match=message):
        evidence_add(log=log, user=social_worker, name=name, data=data)
    assert not LogEvidence.objects.exists()


@pytest.mark.parametrize("who", ["org_admin", "purchaser", "outsider"])
def test_only_team_members_add_evidence(log, who, request):
    with pytest.raises(PermissionDenied):
        evidence_add(log=log, user=request.getfixturevalue(who), name="a.pdf", data=b"%PDF-1")


def test_correction_keeps_the_old_evidence(log, social_worker):
    old = evidence_add(log=log, user=social_worker, name="签到表.pdf", data=b"%PDF-1.7")
    new = log_correct(log=log, user=social_worker, reason="改正人数", participants=9)
    with pytest.raises(ValidationError, match="最新版本"):
        evidence_add(log=log, user=social_worker, name="b.pdf", data=b"%PDF-1.7")
    added = evidence_add(log=new, user=social_worker, name="照片.jpg", data=jpeg_with_gps())
    from evaluations import selectors

    assert list(selectors.log_evidence(selectors.log_history(new))) == [old, added]


def test_upload_and_download_over_http(client, log, social_worker, purchaser, outsider):
    upload = reverse("evaluations:log_evidence", args=[log.pk])
    client.force_login(social_worker)
    bad = client.post(upload, {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert bad.status_code == 400 and "只接受" in bad.content.decode()
    ok = client.post(upload, {"file": SimpleUploadedFile("签到表.pdf", b"%PDF-1.7 x")})
    assert ok.status_code == 302
    evidence = LogEvidence.objects.get()
    page = client.get(reverse("evaluations:log", args=[log.pk])).content.decode()
    assert "签到表.pdf" in page
    url = reverse("evaluations:evidence", args=[evidence.pk])
    client.force_login(purchaser)  # sees the delivery
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.7 x"
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.post(upload, {"file": SimpleUploadedFile("a.pdf", b"%PDF-1")}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_named_evaluator_sees_evidence(client, log, social_worker, purchaser, third_party):
    from .helpers import open_evaluation

    evidence = evidence_add(log=log, user=social_worker, name="签到表.pdf", data=b"%PDF-1.7")
    url = reverse("evaluations:evidence", args=[evidence.pk])
    client.force_login(third_party)
    assert client.get(url).status_code == 403
    open_evaluation(log.delivery, purchaser, third_party)
    assert client.get(url).status_code == 200

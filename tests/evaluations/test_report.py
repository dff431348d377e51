import subprocess

import pytest
from django.urls import reverse

from marketplace import documents

from .helpers import run_evaluation


@pytest.mark.skipif(
    subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
    reason="pdftotext (poppler-utils) is not installed",
)
def test_evaluation_report_pdf_has_chinese_text(
    client, delivery, purchaser, staff, third_party, tmp_path, django_capture_on_commit_callbacks
):
    evaluation = run_evaluation(
        delivery, purchaser=purchaser, staff=staff, third_party=third_party, kind="final"
    )
    url = reverse("document", args=["evaluation_report", evaluation.pk])
    client.force_login(purchaser)
    response = client.get(url)  # tasks run in-process: rendered now, then kept
    assert response.status_code == 200
    assert client.get(url)["X-Content-SHA256"] == response["X-Content-SHA256"]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "终期评估" in text and "良好" in text and "85.00" in text
    flat = "".join(text.split())  # table cells wrap
    assert "第三方评估机构" in flat and "服务对象满意度" in flat and "吴婷" in flat
    assert documents.kept(evaluation, "evaluation_report") is not None

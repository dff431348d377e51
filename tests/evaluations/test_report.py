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


def test_evaluation_report_lists_each_partys_criteria_with_weight_and_score(
    client, delivery, purchaser, staff, third_party
):
    from evaluations.models import PartyKind
    from evaluations.services import evaluations as services
    from tests.support.pdf import pdf_text

    from .helpers import give, open_evaluation

    evaluation = open_evaluation(delivery, purchaser, third_party, kind="mid")
    parties = {p.kind: p for p in evaluation.parties.all()}
    marks = dict(zip(parties[PartyKind.THIRD_PARTY].criteria.all(), (71, 88, 93), strict=True))
    services.party_score(
        party=parties[PartyKind.THIRD_PARTY],
        user=third_party,
        criteria={c.pk: m for c, m in marks.items()},
    )
    give(party=parties[PartyKind.RESIDENTS], user=staff, score=80)
    give(party=parties[PartyKind.COMMUNITY], user=staff, score=82)
    give(party=parties[PartyKind.PURCHASER], user=purchaser, score=86)
    evaluation = services.evaluation_close(evaluation=evaluation, user=purchaser)
    client.force_login(purchaser)
    response = client.get(reverse("document", args=["evaluation_report", evaluation.pk]))
    assert response.status_code == 200
    flat = "".join(pdf_text(b"".join(response.streaming_content)).split())
    assert "各方评估指标得分" in flat
    for criterion, mark in marks.items():
        assert f"{criterion.name}{criterion.weight}%{mark}.00" in flat
    assert "第三方评估机构（权重" in flat and "得分84.40" in flat  # 0.3×71 + 0.4×88 + 0.3×93
    assert "合同履行与进度50%86.00" in flat and "资金使用规范50%86.00" in flat
    assert "该方不设分项指标" in flat  # the residents' party: the survey decides

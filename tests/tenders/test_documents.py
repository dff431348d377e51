"""Receipt and contract PDFs carry extractable Chinese text; the receipt stays sealed."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from tenders.services import tenders as services
from tests.tenders.factories import bidder, submit


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_receipt_pdf_for_the_bidder_only(
    client, tender, places, purchaser, tmp_path, django_capture_on_commit_callbacks
):
    org, user = bidder("回执测试社工中心")
    bid = submit(tender, org, user, price="120000")
    url = reverse("document", args=["bid_receipt", bid.pk])
    client.force_login(purchaser)
    assert client.get(url).status_code == 403
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)  # renders in the background (in-process here), then keeps it
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content), tmp_path)
    assert "投标回执" in text and "回执测试社工中心" in text and bid.digest[:20] in text


@pytest.mark.usefixtures("awarded")
def test_contract_pdf(client, awarded, purchaser, tmp_path, django_capture_on_commit_callbacks):
    contract = services.contract_sign(
        tender=awarded,
        user=purchaser,
        amount=awarded.winning_bid.price,
        start_date=date(2027, 3, 1),
        end_date=date(2028, 2, 28),
        service_standard="每月入户探访不少于两次",
    )
    client.force_login(purchaser)
    url = reverse("document", args=["contract", contract.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content), tmp_path)
    assert "政府购买服务合同" in text and "每月入户探访不少于两次" in text

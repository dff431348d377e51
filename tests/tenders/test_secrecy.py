"""Before opening nobody but the bidder sees any bid, its price, its organisation or a count."""

import pytest
from django.urls import reverse

from marketplace import clock
from tenders.models import Bid
from tenders.services import tenders as services
from tests.tenders.factories import bidder, submit
from tests.tenders.test_admin_view_on_site import shortcut as view_on_site

PRICES = ["123457.89", "98765.43"]
NAMES = ["保密测试甲社工服务中心", "保密测试乙公益发展中心"]


@pytest.fixture
def sealed(tender, places):
    made = []
    for name, price in zip(NAMES, PRICES, strict=True):
        org, user = bidder(name)
        made.append((org, user, submit(tender, org, user, price=price, file=b"secret")))
    return made


def urls(tender, bids):
    bid = bids[0][2]
    return [
        reverse("tenders:list"),
        reverse("tenders:detail", args=[tender.pk]),
        reverse("project_detail", args=[tender.project_id]),
        reverse("my_work"),
        reverse("tenders:receipt", args=[bid.pk]),
        reverse("tenders:bid_file", args=[bid.pk]),
        reverse("tenders:panel", args=[tender.pk]),
        reverse("tenders:recusals", args=[tender.pk]),
        reverse("tenders:recusal", args=[tender.pk]),
        reverse("tenders:declare", args=[tender.pk]),
        reverse("document", args=["panel_report", tender.pk]),
        "/django-admin/tenders/bid/",
        f"/django-admin/tenders/bid/{bid.pk}/change/",
        "/django-admin/tenders/tender/",
        f"/django-admin/tenders/tender/{tender.pk}/change/",
        "/django-admin/marketplace/transitionrecord/",
        view_on_site(Bid, bid.pk),
        "/django-admin/",
    ]


def leaks(body: str, bids) -> list[str]:
    found = []
    for org, _user, bid in bids:
        for secret in [org.name, str(bid.price), f"{bid.price:,}", bid.digest, bid.receipt_no]:
            if secret in body:
                found.append(secret)
    return found


@pytest.mark.parametrize("who", ["purchaser", "superuser", "other_org", "anonymous"])
def test_nobody_else_sees_any_bid_before_opening(client, tender, sealed, who, request):
    if who == "other_org":
        client.force_login(bidder("旁观社工中心")[1])
    elif who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in urls(tender, sealed):
        response = client.get(url, follow=True)
        body = response.content.decode()
        assert not leaks(body, sealed), (who, url)
        assert response.status_code in (200, 403, 404), (who, url)
        if url == "/django-admin/tenders/bid/" and who == "superuser":
            assert "0 投标" in body or "0 个投标" in body


def test_bidder_sees_only_its_own_bid_and_receipt(client, tender, sealed):
    org, user, bid = sealed[0]
    client.force_login(user)
    body = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    assert org.name in body and PRICES[0] in body
    assert NAMES[1] not in body and PRICES[1] not in body
    receipt = client.get(reverse("tenders:receipt", args=[bid.pk])).content.decode()
    assert bid.digest in receipt and bid.receipt_no in receipt
    other = sealed[1][2]
    assert client.get(reverse("tenders:receipt", args=[other.pk])).status_code == 404
    assert client.get(reverse("tenders:bid_file", args=[bid.pk])).status_code == 200
    assert client.get(reverse("tenders:bid_file", args=[other.pk])).status_code == 404


def test_after_opening_the_digests_are_public(client, tender, sealed, later):
    with clock.travel(later):
        services.tender_open(tender_id=tender.pk)
    body = client.get(reverse("tenders:detail", args=[tender.pk])).content.decode()
    for org, _user, bid in sealed:
        bid = Bid.objects.get(pk=bid.pk)
        assert org.name in body and bid.digest in body and str(bid.price) in body


def test_superuser_admin_sees_bids_after_opening(client, tender, sealed, superuser, later):
    with clock.travel(later):
        services.tender_open(tender_id=tender.pk)
    client.force_login(superuser)
    body = client.get("/django-admin/tenders/bid/").content.decode()
    assert NAMES[0] in body

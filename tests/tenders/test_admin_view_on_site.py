"""The Django admin's "view on site" shortcut does not tell whether a sealed bid exists."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from marketplace import clock
from tenders.models import Bid, Tender
from tenders.services import tenders as services
from tests.tenders.factories import bidder, submit


def shortcut(model, pk) -> str:
    return f"/django-admin/r/{ContentType.objects.get_for_model(model).pk}/{pk}/"


def normalised(response, url) -> tuple:
    """Status and body, without what differs by request only (its path, the CSRF token)."""
    body = response.content.decode().replace(url, "/django-admin/r/?/")
    body = body.replace(url.lstrip("/"), "django-admin/r/?/")  # the technical 404 page
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return response.status_code, body


@pytest.fixture
def sealed_bid(tender, places):
    org, user = bidder("查看站点测试社工中心")
    return submit(tender, org, user, file=b"secret")


@pytest.fixture
def bid_page(monkeypatch):
    """As if Bid had a page: the shortcut would then redirect to it for a bid it may show."""
    monkeypatch.setattr(Bid, "get_absolute_url", lambda bid: f"/bid-page/{bid.pk}/", raising=False)


@pytest.mark.parametrize("debug", [False, True])
def test_sealed_bid_and_missing_pk_answer_alike(
    client, superuser, sealed_bid, bid_page, settings, debug
):
    settings.DEBUG = debug  # the technical 404 page shows the message: it must not differ
    client.force_login(superuser)
    url_real = shortcut(Bid, sealed_bid.pk)
    url_missing = shortcut(Bid, sealed_bid.pk + 1000)
    real = normalised(client.get(url_real), url_real)
    missing = normalised(client.get(url_missing), url_missing)
    assert real[0] == missing[0] == 404
    assert real == missing
    assert "查看站点测试社工中心" not in real[1]


def test_garbage_ids_answer_alike(client, superuser, sealed_bid):
    client.force_login(superuser)
    for url in [shortcut(Bid, "abc"), "/django-admin/r/999999/1/", shortcut(Bid, sealed_bid.pk)]:
        assert client.get(url).status_code == 404, url


def test_after_opening_the_shortcut_works(client, superuser, tender, sealed_bid, bid_page, later):
    with clock.travel(later):
        services.tender_open(tender_id=tender.pk)
    client.force_login(superuser)
    response = client.get(shortcut(Bid, sealed_bid.pk))
    assert response.status_code == 302 and response["Location"].endswith(
        f"/bid-page/{sealed_bid.pk}/"
    )


def test_objects_without_a_page_and_non_staff(client, superuser, purchaser, tender):
    client.force_login(superuser)
    assert client.get(shortcut(Tender, tender.pk)).status_code == 404  # no page of its own
    client.force_login(purchaser)
    response = client.get(shortcut(Tender, tender.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]

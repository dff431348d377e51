"""OCDS outputs read a constant number of queries whatever the number of tenders."""

from django.urls import reverse

from tests.tenders.factories import published_tender

from .conftest import get_json


def test_bulk_and_package_queries_do_not_grow(
    client, implemented, contracted, purchaser, django_assert_max_num_queries
):
    bulk = reverse("ocds:bulk")
    package = reverse("ocds:tender_releases", args=[contracted.pk])
    client.get(bulk)  # content types cached
    with django_assert_max_num_queries(12) as small:
        get_json(client, bulk)
    with django_assert_max_num_queries(12) as one:
        get_json(client, package)
    for _ in range(6):
        published_tender(purchaser)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len({r["ocid"] for r in get_json(client, bulk)["releases"]}) == 8
    with django_assert_max_num_queries(len(one.captured_queries)):
        get_json(client, package)

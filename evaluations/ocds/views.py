"""OCDS endpoints: a release package and a record per tender, the paginated bulk package,
and the publication policy page. Public, read-only, no personal data."""

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from . import compile, package, selectors
from .mapping import ocid_prefix

BULK_PAGE_SIZE = 100  # tenders per page of the bulk file


def json_response(data: dict, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def _policy(request) -> str:
    return request.build_absolute_uri(reverse("ocds:policy"))


def _releases_of(pk: int) -> list[dict]:
    releases = selectors.releases_for(selectors.published_tenders().filter(pk=pk))
    if not releases:
        raise Http404
    return releases


def tender_releases(request, pk):
    releases = _releases_of(pk)
    uri = request.build_absolute_uri()
    return json_response(package.release_package(releases, uri=uri, policy_url=_policy(request)))


def tender_record(request, pk):
    releases = _releases_of(pk)
    package_url = request.build_absolute_uri(reverse("ocds:tender_releases", args=[pk]))
    data = package.record_package(
        [compile.record(releases, package_url)],
        uri=request.build_absolute_uri(),
        policy_url=_policy(request),
    )
    return json_response(data)


def bulk(request):
    pages = Paginator(selectors.published_tenders(), BULK_PAGE_SIZE)
    page = pages.get_page(request.GET.get("page"))
    base = request.build_absolute_uri(reverse("ocds:bulk"))
    links = {}
    if page.has_next():
        links["next"] = f"{base}?page={page.next_page_number()}"
    if page.has_previous():
        links["prev"] = f"{base}?page={page.previous_page_number()}"
    releases = selectors.releases_for(page.object_list)
    if not releases:
        raise Http404  # a package holds at least one release
    data = package.release_package(
        releases, uri=f"{base}?page={page.number}", policy_url=_policy(request), links=links
    )
    return json_response(data)


def policy(request):
    return render(request, "ocds/policy.html", {"prefix": ocid_prefix()})

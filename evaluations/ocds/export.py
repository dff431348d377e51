"""Writing the bulk release package to a file, streamed: tenders are read in chunks and
each release is written as it is made, so memory stays flat at any size."""

import json

from django.conf import settings
from django.urls import reverse

from . import package, selectors

CHUNK = 500


def _chunks(queryset):
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield queryset.filter(pk__in=ids[start : start + CHUNK])


def write_bulk(out) -> int:
    """Write the whole bulk package to the text stream `out`; return the release count."""
    site = settings.SITE_URL.rstrip("/")
    meta = package.release_package(
        [],
        uri=site + reverse("ocds:bulk"),
        policy_url=site + reverse("ocds:policy"),
    )
    meta.pop("releases")
    published = meta.pop("publishedDate")
    head = json.dumps(meta, ensure_ascii=False)[:-1]
    out.write(head + ',"releases":[')
    count, latest = 0, None
    for chunk in _chunks(selectors.published_tenders()):
        for release in selectors.releases_for(chunk):
            out.write(("," if count else "") + json.dumps(release, ensure_ascii=False))
            count += 1
            latest = max(latest or release["date"], release["date"])
    out.write('],"publishedDate":' + json.dumps(latest or published) + "}")
    return count

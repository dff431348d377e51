"""Release and record packages: the publishing metadata around releases."""

from django.conf import settings

from marketplace import clock

from .mapping import stamp

VERSION = "1.1"
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def _meta(*, uri: str, policy_url: str, published: str | None) -> dict:
    return {
        "uri": uri,
        "version": VERSION,
        "publishedDate": published or stamp(clock.now()),
        "publisher": {
            "name": getattr(settings, "OCDS_PUBLISHER_NAME", settings.WAGTAIL_SITE_NAME),
            "uri": settings.SITE_URL.rstrip("/") + "/",
        },
        "license": getattr(settings, "OCDS_LICENSE_URL", DEFAULT_LICENSE),
        "publicationPolicy": policy_url,
    }


def latest(releases: list[dict]) -> str | None:
    """On-demand packages are dated by the last change of their content (OCDS guidance)."""
    return max((r["date"] for r in releases), default=None)


def release_package(releases, *, uri, policy_url, links=None) -> dict:
    package = _meta(uri=uri, policy_url=policy_url, published=latest(releases))
    package["releases"] = releases
    if links:
        package["links"] = links
    return package


def record_package(records, *, uri, policy_url) -> dict:
    dates = [r["compiledRelease"]["date"] for r in records]
    package = _meta(uri=uri, policy_url=policy_url, published=max(dates, default=None))
    package["records"] = records
    return package

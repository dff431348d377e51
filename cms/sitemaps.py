"""/sitemap.xml: one urlset with Wagtail's pages, the public project pages and the place pages.

The project and place pages are plain Django views (cms.views), so Wagtail's sitemap does not
know them; each list runs a fixed number of queries whatever the number of rows."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Max
from django.db.models.functions import Substr
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from marketplace.models import Place, PlaceLevel, Project


def _public_projects():
    from marketplace.selectors import PUBLIC_PROJECT_STATES

    return Project.objects.filter(state__in=PUBLIC_PROJECT_STATES)


class Sitemap(DjangoSitemap):
    """A section whose URLs use the Wagtail site's host, like the pages' (one host a sitemap)."""

    def __init__(self, request):
        self.request = request

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(PageSitemap(self.request).get_wagtail_site().root_url)
        return self._urls(page, root.scheme, root.netloc)


class ProjectSitemap(Sitemap):
    """项目全程公开 pages: public projects only (never a draft, submitted or returned one)."""

    changefreq = "weekly"

    def items(self):
        # (no .only(): the workflow's state field reloads itself on each row when deferred)
        return _public_projects().order_by("pk")

    def location(self, item):
        return reverse("cms:project_public", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class PlaceSitemap(Sitemap):
    """Place pages of the province, its prefectures and counties (the pages the place picker
    leads to); lastmod is the latest change to a public project inside the place."""

    changefreq = "weekly"

    def items(self):
        places = list(
            Place.objects.filter(level__lte=PlaceLevel.COUNTY)
            .only("code", "level")
            .order_by("code")
        )
        latest = dict(
            _public_projects()
            .annotate(county=Substr("community__code", 1, 6))
            .values("county")
            .annotate(at=Max("updated_at"))
            .values_list("county", "at")
        )
        for place in places:
            changes = [at for county, at in latest.items() if county.startswith(place.prefix)]
            place.sitemap_lastmod = max(changes, default=None)
        return places

    def location(self, item):
        return reverse("cms:place_projects", args=[item.code])

    def lastmod(self, item):
        return item.sitemap_lastmod


def sitemap(request):
    return wagtail_sitemap(
        request,
        sitemaps={
            "pages": PageSitemap,
            "projects": ProjectSitemap(request),
            "places": PlaceSitemap(request),
        },
    )

import pytest
from wagtail.models import Collection, Locale, Page

from cms.seeders import site_setup


def wagtail_roots():
    """The tree roots Wagtail's data migrations make (absent with --no-migrations)."""
    Locale.get_default() if Locale.objects.exists() else Locale.objects.create(language_code="zh-hans")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def site(db):
    """The demo site: home page (as the default site's root) and the notice index."""
    wagtail_roots()
    return site_setup()

import pytest
from wagtail.models import Collection, Locale, Page

from cms.seeders import cms_roles, site_setup
from marketplace.models import Role
from tests.marketplace.factories import UserFactory, grant


def wagtail_roots():
    """The rows Wagtail's data migrations make (absent when tests run with --no-migrations)."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code="zh-hans")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def site(db):
    """The demo site: home page (as the default site's root) and its sections."""
    wagtail_roots()
    return site_setup()


@pytest.fixture
def editors(site):
    """(editor, reviewer): the CMS groups and the moderation workflow from the seeder."""
    editor_group, reviewer_group = cms_roles(site)
    editor = UserFactory(name="宣传干事")
    reviewer = UserFactory(name="审核员")
    editor.groups.add(editor_group)
    reviewer.groups.add(reviewer_group)
    return editor, reviewer


@pytest.fixture
def third_party(places):
    return grant(UserFactory(name="施评估"), Role.EVALUATOR)

"""Shared fixtures: a small real place tree and the users every permission test needs."""

import pytest
from wagtail.models import Collection, Locale, Page

from cms.seeders import site_setup
from marketplace.models import Role
from tests.marketplace.factories import OrganisationFactory, UserFactory, grant, place_tree


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _eager_tasks(settings):
    """Tasks run in-process in tests, even when CELERY_BROKER_URL is set (CI on Redis)."""
    from marketplace.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def places(db):
    return place_tree()


@pytest.fixture
def resident(places):
    return grant(UserFactory(name="李秀兰"), Role.RESIDENT, place=places["community_a"])


@pytest.fixture
def resident2(places):
    return grant(UserFactory(name="王建国"), Role.RESIDENT, place=places["community_a"])


@pytest.fixture
def staff(places):
    """Community staff of community A."""
    return grant(UserFactory(name="陈静"), Role.COMMUNITY_STAFF, place=places["community_a"])


@pytest.fixture
def staff_b(places):
    """Community staff of community B (must not touch A's objects)."""
    return grant(UserFactory(name="杨帆"), Role.COMMUNITY_STAFF, place=places["community_b"])


@pytest.fixture
def purchaser(places):
    """Purchaser of 华山街道 (covers communities A and B)."""
    return grant(UserFactory(name="刘洋"), Role.PURCHASER, place=places["huashan"])


@pytest.fixture
def purchaser_elsewhere(places):
    return grant(UserFactory(name="孙敏"), Role.PURCHASER, place=places["shilin"])


@pytest.fixture
def organisation(places):
    return OrganisationFactory(name="昆明市五华区阳光社会工作服务中心")


@pytest.fixture
def organisation2(places):
    return OrganisationFactory(name="五华区康宁居家养老服务中心")


@pytest.fixture
def org_admin(organisation):
    return grant(UserFactory(name="周明"), Role.ORG_ADMIN, organisation=organisation)


@pytest.fixture
def social_worker(organisation):
    return grant(UserFactory(name="吴婷"), Role.SOCIAL_WORKER, organisation=organisation)


@pytest.fixture
def outsider(places):
    return UserFactory(name="路人")


@pytest.fixture
def superuser(db):
    return UserFactory(name="超级管理员", is_superuser=True, is_staff=True)


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

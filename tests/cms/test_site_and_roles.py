"""The demo site replaces Wagtail's welcome page; editors and reviewers get the CMS only."""

import pytest
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from cms.models import HomePage, NoticeIndexPage, NoticeKind, NoticePage
from cms.seeders import notices_catch_up, seed_cms, seed_site
from tenders.models import TenderState
from tests.marketplace.factories import UserFactory

from .factories import make_tender

pytestmark = pytest.mark.django_db


def say(_message):
    pass


def test_site_seeder_is_idempotent_and_replaces_the_welcome_page():
    seed_site(say)
    seed_site(say)
    home = HomePage.objects.get()
    site = Site.objects.get()
    assert site.root_page_id == home.pk and site.is_default_site
    assert site.site_name == "三社联动项目平台"
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert NoticeIndexPage.objects.child_of(home).count() == 1


def test_catch_up_gives_every_tender_its_notices_once(site):
    published = make_tender(state=TenderState.PUBLISHED)
    failed = make_tender(state=TenderState.FAILED)
    make_tender()  # a draft needs no notice
    notices_catch_up()
    notices_catch_up()
    assert set(NoticePage.objects.values_list("subject_id", "kind")) == {
        (published.pk, NoticeKind.TENDER),
        (failed.pk, NoticeKind.FAILED),
    }


@pytest.fixture
def cms_users(db):
    editor = UserFactory(username="editor")
    reviewer = UserFactory(username="reviewer")
    seed_site(say)
    seed_cms(say)
    seed_cms(say)
    return editor, reviewer


def test_editor_reaches_the_cms_in_chinese_but_not_the_django_admin(client, cms_users):
    editor, _reviewer = cms_users
    assert not editor.is_staff
    client.force_login(editor)
    response = client.get("/cms-admin/")
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()
    assert UserProfile.get_for_user(editor).preferred_language == "zh-hans"
    assert client.get("/django-admin/").status_code == 302  # to the admin login


def test_editor_may_edit_but_not_publish_reviewer_may_publish(cms_users):
    editor, reviewer = cms_users
    home = HomePage.objects.get()
    editor_perms = home.permissions_for_user(editor)
    reviewer_perms = home.permissions_for_user(reviewer)
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert reviewer_perms.can_edit() and reviewer_perms.can_publish()
    assert home.get_workflow().name == "编辑提交、审核发布"


def test_an_outsider_has_no_cms(client, cms_users):
    client.force_login(UserFactory())
    assert client.get("/cms-admin/").status_code == 302

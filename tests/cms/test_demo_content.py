"""seed_demo gives the public site three moderated model cases, policies with an attachment
and notices of every kind, a clarification included; run twice, it adds nothing."""

import pytest
from django.core.management import call_command

from cms.models import CasePage, NoticeKind, NoticePage, PolicyPage

pytestmark = pytest.mark.django_db


def counts():
    return (
        CasePage.objects.count(),
        PolicyPage.objects.count(),
        NoticePage.objects.count(),
    )


def test_seed_demo_makes_cases_policies_and_every_notice_kind(django_capture_on_commit_callbacks):
    from tests.conftest import wagtail_roots

    wagtail_roots()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    cases = list(CasePage.objects.select_related("project"))
    assert len(cases) >= 3
    for case in cases:
        assert case.live and case.project.state == "completed"
        assert case.get_latest_revision().user.username == "editor"
        assert case.live_revision.approved_go_live_at is None
    assert all(p.attachments for p in PolicyPage.objects.live())
    assert PolicyPage.objects.live().count() >= 3
    assert set(NoticePage.objects.values_list("kind", flat=True)) == set(NoticeKind.values)
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    assert counts() == before


def test_the_catch_up_backfills_clarification_notices(site, purchaser):
    """A clarification whose notice task never ran gets its notice from the seeder, once."""
    from cms.seeders import notices_catch_up
    from marketplace import clock
    from tenders.models import Clarification, TenderState
    from tests.marketplace.factories import force_state

    from .factories import make_tender

    tender = make_tender(state=TenderState.PUBLISHED)
    clarification = Clarification.objects.create(
        tender=tender, text="活动场地改为社区党群服务中心", created_by=purchaser
    )
    draft = Clarification.objects.create(tender=tender, text="未发布", created_by=purchaser)
    force_state(clarification, "published", published_at=clock.now())
    notices_catch_up()
    notices_catch_up()
    notice = NoticePage.objects.get(kind=NoticeKind.CLARIFICATION)
    assert notice.subject == clarification and draft.state == "draft"

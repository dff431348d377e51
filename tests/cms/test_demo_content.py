"""seed_demo gives the public site three moderated model cases, policies with an attachment
and notices of every kind the workflow can reach; run twice, it adds nothing."""

import pytest
from django.core.management import call_command

from cms.models import CasePage, NoticeKind, NoticePage, PolicyPage

pytestmark = pytest.mark.django_db

# The tenders app has no step into "clarification" yet, so no clarification notice can be
# created by the workflow; every other kind must exist after seeding.
REACHABLE = set(NoticeKind.values) - {NoticeKind.CLARIFICATION}


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
    assert set(NoticePage.objects.values_list("kind", flat=True)) >= REACHABLE
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0)
    assert counts() == before

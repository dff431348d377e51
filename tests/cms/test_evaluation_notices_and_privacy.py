"""Closing an evaluation publishes its result notice once; no public page shows a phone."""

import re

import pytest

from cms.models import CaseIndexPage, NoticeKind, NoticePage
from cms.tasks import publish_notice
from tenders.models import Bid, BidState, TenderState
from tests.marketplace.factories import OrganisationFactory
from tests.needs.factories import NeedFactory

from .factories import completed, delivered, make_tender
from .test_cases import publish_case

pytestmark = pytest.mark.django_db
PHONE = "13912345678"
ANY_PHONE = re.compile(r"1[3-9]\d{9}")


@pytest.fixture
def evaluated(
    site,
    organisation,
    purchaser,
    org_admin,
    social_worker,
    staff,
    third_party,
    django_capture_on_commit_callbacks,
):
    from tests.evaluations.helpers import run_evaluation

    delivery = delivered(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=social_worker,
    )
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = run_evaluation(
            delivery, purchaser=purchaser, staff=staff, third_party=third_party, score=91
        )
    return delivery, evaluation


def test_closing_an_evaluation_publishes_one_result_notice(site, evaluated, client):
    delivery, evaluation = evaluated
    notice = NoticePage.objects.get(kind=NoticeKind.EVALUATION)
    assert notice.subject == evaluation and notice.live
    publish_notice(NoticeKind.EVALUATION, "evaluations", "evaluation", evaluation.pk)
    assert NoticePage.objects.filter(kind=NoticeKind.EVALUATION).count() == 1
    html = client.get(notice.url).content.decode()
    assert delivery.project.title in html and "优秀" in html and "91" in html
    assert f"/open/projects/{delivery.project_id}/" in html


def test_no_public_page_shows_a_residents_phone(site, evaluated, client, editors, resident):
    delivery, _evaluation = evaluated
    project = delivery.project
    resident.phone = PHONE
    resident.save()
    need = NeedFactory(project=project, author=resident, contact_phone=PHONE)
    NeedFactory._meta.model.objects.filter(pk=need.pk).update(state="adopted")
    case = publish_case(CaseIndexPage.objects.get(), completed(delivery), editors)
    notice = NoticePage.objects.get(kind=NoticeKind.EVALUATION)
    pages = [
        "/",
        notice.get_parent().url,
        notice.url,
        f"/open/projects/{project.pk}/",
        case.url,
        case.get_parent().url,
        f"/places/{project.community.code}/",
        "/search/?q=" + project.title[:4],
        "/feeds/notices.rss",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert PHONE not in html and "139****5678" not in html, url
        assert not ANY_PHONE.search(html), url
        assert resident.name not in html, url


@pytest.mark.parametrize("size", [1, 10])
def test_notice_page_constant_queries(site, client, django_assert_max_num_queries, size):
    from cms.services.notices import notice_publish
    from marketplace import clock
    from tests.marketplace.factories import force_state

    tender = make_tender(state=TenderState.OPENED)
    force_state(tender, TenderState.OPENED, opened_at=clock.now())
    for _ in range(size):
        Bid.objects.create(
            tender=tender,
            organisation=OrganisationFactory(),
            price=90000,
            proposal="方案",
            digest="ef" * 32,
            submitted_by=tender.created_by,
            state=BidState.VALID,
        )
    notice = notice_publish(kind=NoticeKind.BID_OPENING, obj=tender)
    with django_assert_max_num_queries(15):
        response = client.get(notice.url)
    assert response.content.decode().count("ef" * 32) == size

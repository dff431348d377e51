"""The public project page traces a project from its needs to its case; nothing personal."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from evaluations.models import PaymentItem
from evaluations.services.payments import payment_release
from marketplace import clock
from marketplace.models import ProjectState
from tenders.models import Bid, BidState, TenderState
from tests.marketplace.factories import OrganisationFactory, ProjectFactory, force_state
from tests.needs.factories import NeedFactory

from .factories import completed, delivered, make_tender

pytestmark = pytest.mark.django_db
PHONE = re.compile(r"1[3-9]\d{9}")
TRACE_QUERIES = 17  # constant: the project, its needs, tenders, bids, delivery, evaluations…


def url(project):
    return f"/open/projects/{project.pk}/"


@pytest.fixture
def delivery(organisation, purchaser, org_admin, social_worker):
    return delivered(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=social_worker,
        logs=3,
    )


def test_the_page_traces_needs_design_tender_contract_delivery_and_payments(
    client, site, delivery, purchaser
):
    project = delivery.project
    need = NeedFactory(
        title="独居老人希望有人上门探访", project=project, contact_phone="13712345678"
    )
    force_state(need, "adopted", endorsement_count=17)
    NeedFactory(title="未公开的需求", project=project)  # still submitted: not shown
    payment_release(
        item=PaymentItem.objects.get(contract=delivery.contract, gate="signing"), user=purchaser
    )
    html = client.get(url(project)).content.decode()
    assert "独居老人希望有人上门探访" in html and "17 人附议" in html
    assert "未公开的需求" not in html
    assert project.objectives in html and "开展活动" in html  # design and its indicator
    assert "公开招标" in html
    assert "100,000.00" in html or "100000.00" in html  # ceiling and contract amount
    assert delivery.contract.organisation.name in html
    assert "3 / 40 场" in html  # progress per indicator
    assert "资金拨付" in html and "已拨付合计" in html
    assert "<title>" in html and project.title in html
    assert need.author.name not in html and need.author.phone not in html
    assert not PHONE.search(html)


def test_bids_are_shown_only_after_the_opening(client, site, organisation, organisation2):
    tender = make_tender(state=TenderState.PUBLISHED, title="翠湖助老服务采购")
    force_state(tender.project, ProjectState.TENDERING)
    for org, price in ((organisation, "99000.00"), (organisation2, "101000.00")):
        Bid.objects.create(
            tender=tender,
            organisation=org,
            price=Decimal(price),
            proposal="方案",
            digest="ab" * 32,
            submitted_by=tender.created_by,
        )
    sealed = client.get(url(tender.project)).content.decode()
    assert organisation.name not in sealed and "99,000" not in sealed and "ab" * 32 not in sealed
    assert "开标前投标文件密封" in sealed
    force_state(tender, TenderState.CLOSED)  # deadline passed but not opened yet: still sealed
    assert organisation.name not in client.get(url(tender.project)).content.decode()
    force_state(tender, TenderState.OPENED, opened_at=clock.now())
    Bid.objects.filter(tender=tender).update(state=BidState.VALID)
    opened = client.get(url(tender.project)).content.decode()
    assert organisation.name in opened and organisation2.name in opened
    assert "ab" * 32 in opened


def test_evaluations_and_the_model_case_are_shown(
    client, site, delivery, purchaser, staff, third_party, editors
):
    from cms.models import CaseIndexPage
    from tests.evaluations.helpers import run_evaluation

    from .test_cases import publish_case

    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party, score=82)
    project = completed(delivery)
    publish_case(CaseIndexPage.objects.get(), project, editors, title="守望相助的优秀案例")
    html = client.get(url(project)).content.decode()
    assert "中期评估" in html and "良好" in html and "82" in html
    assert "守望相助的优秀案例" in html
    assert staff.name not in html and third_party.name not in html  # scorers are not named


def test_clarification_and_evaluation_result_notices_are_listed(
    client, site, delivery, purchaser, staff, third_party, django_capture_on_commit_callbacks
):
    from cms.models import NoticeKind, NoticePage
    from cms.services.notices import notice_publish
    from tenders.models import Clarification
    from tests.evaluations.helpers import run_evaluation

    tender = delivery.contract.tender
    clarification = Clarification.objects.create(
        tender=tender, text="服务时间更正为每周六上午", created_by=purchaser
    )
    force_state(clarification, "published", published_at=clock.now())
    notice_publish(kind=NoticeKind.CLARIFICATION, obj=clarification)
    notice_publish(kind=NoticeKind.TENDER, obj=tender)
    with django_capture_on_commit_callbacks(execute=True):
        run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party)
    other = make_tender(state=TenderState.PUBLISHED)  # another project's: not listed
    notice_publish(kind=NoticeKind.TENDER, obj=other)
    html = client.get(url(delivery.project)).content.decode()
    listed = [
        NoticePage.objects.get(kind=NoticeKind.TENDER, subject_id=tender.pk),
        NoticePage.objects.get(kind=NoticeKind.CLARIFICATION),
        NoticePage.objects.get(kind=NoticeKind.EVALUATION),
    ]
    for notice in listed:
        assert notice.url in html
    assert NoticePage.objects.get(subject_id=other.pk, kind=NoticeKind.TENDER).url not in html


def test_a_project_not_yet_approved_is_not_public(client, site):
    assert client.get(url(ProjectFactory())).status_code == 404
    assert client.get("/open/projects/999999/").status_code == 404


def grow(n, *, organisation, purchaser, org_admin, social_worker, project=None):
    """More of everything on one project: needs, tenders with opened bids, logs."""
    delivery = delivered(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=social_worker,
        logs=n,
    )
    project = delivery.project
    for i in range(n):
        force_state(NeedFactory(project=project, title=f"需求{i}"), "adopted")
        failed = make_tender(state=TenderState.FAILED, title=f"第{i}次采购")
        failed.project = project
        failed.opened_at = clock.now() - timedelta(days=1)
        failed.save()
        Bid.objects.create(
            tender=failed,
            organisation=OrganisationFactory(),
            price=Decimal("90000"),
            proposal="方案",
            digest="cd" * 32,
            submitted_by=purchaser,
            state=BidState.INVALID,
        )
    return project


@pytest.mark.parametrize("size", [1, 8])
def test_constant_queries(client, site, django_assert_max_num_queries, size, request):
    people = {
        n: request.getfixturevalue(n)
        for n in ("organisation", "purchaser", "org_admin", "social_worker")
    }
    project = grow(size, **people)
    with django_assert_max_num_queries(TRACE_QUERIES):
        response = client.get(url(project))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("cd" * 32) == size  # every opened bid of every tender
    assert not PHONE.search(html)


def test_linked_from_notices_and_home(client, site):
    from cms.models import NoticeKind
    from cms.services.notices import notice_publish

    tender = make_tender(state=TenderState.PUBLISHED)
    force_state(tender.project, ProjectState.TENDERING)
    notice = notice_publish(kind=NoticeKind.TENDER, obj=tender)
    assert url(tender.project) in client.get(notice.url).content.decode()
    assert url(tender.project) in client.get(f"/tenders/{tender.pk}/").content.decode()
    done = force_state(ProjectFactory(), ProjectState.COMPLETED)
    assert url(done) in client.get("/").content.decode()

"""Home: live headline figures, open tenders with future deadlines, latest cases."""

from datetime import timedelta

import pytest

from cms.models import CaseIndexPage
from marketplace import clock
from tenders.models import TenderState

from .factories import completed, delivered, make_tender, record_log
from .test_cases import publish_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery(organisation, purchaser, org_admin, social_worker):
    return delivered(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=social_worker,
        logs=2,
    )


def figures(client):
    return dict(client.get("/").context["figures"])


def test_service_hours_and_satisfaction_are_live(
    client, site, delivery, social_worker, purchaser, staff, third_party
):
    from tests.evaluations.helpers import run_evaluation

    assert figures(client)["服务时长（小时）"] == "5"
    assert figures(client)["平均满意度（分）"] == "—"
    record_log(delivery, social_worker, hours="4", beneficiaries=3)
    assert figures(client)["服务时长（小时）"] == "9"
    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party, score=88)
    assert figures(client)["平均满意度（分）"] == "88"
    assert figures(client)["注册志愿者"] == 0


def test_open_tenders_are_those_still_taking_bids(client, site):
    open_ = make_tender(state=TenderState.PUBLISHED, title="仍在投标的采购")
    make_tender(
        state=TenderState.PUBLISHED,
        title="已过截止时间的采购",
        deadline=clock.now() - timedelta(minutes=5),
    )
    html = client.get("/").content.decode()
    assert "仍在投标的采购" in html and "已过截止时间的采购" not in html
    assert open_.deadline.astimezone().strftime("%Y-%m-%d") in html


def test_latest_model_cases_are_listed(client, site, delivery, editors):
    case = publish_case(CaseIndexPage.objects.get(), completed(delivery), editors, title="书香童年")
    html = client.get("/").content.decode()
    assert "书香童年" in html and case.url in html
    assert "/cases/" in html and "/policies/" in html  # the sections are linked


def test_needs_received_counts_each_need_submitted(client, site, places, resident, staff):
    from needs.models import Category
    from needs.services.needs import need_publish, need_submit

    def submit(title):
        return need_submit(
            user=resident,
            community=places["community_a"],
            category=Category.ELDERLY,
            title=title,
            description="小区独居老人多，希望有人定期上门探访。",
        )

    assert figures(client)["收到居民需求"] == 0
    need = submit("希望有人上门探访独居老人")
    assert figures(client)["收到居民需求"] == 1  # received when submitted, before review
    need_publish(need=need, user=staff)
    assert figures(client)["收到居民需求"] == 1  # published: the same need, counted once
    submit("希望开设老年食堂")
    html = client.get("/").content.decode()
    assert '<dt>收到居民需求</dt><dd class="figure">2</dd>' in html

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations.models import DeliveryLog, DeliveryState, EvaluationState, PaymentState
from marketplace import clock

from .helpers import open_evaluation


def bulk_logs(delivery, author, n):
    indicator = delivery.project.indicators.first()
    day = clock.today() - timedelta(days=1)
    DeliveryLog.objects.bulk_create(
        DeliveryLog(
            delivery=delivery,
            author=author,
            indicator=indicator,
            count=Decimal("1"),
            activity=f"入户探访{i}",
            date=day - timedelta(days=i % 200),
            place="翠湖西路",
            participants=3,
        )
        for i in range(n)
    )


def project_page(client, delivery):
    return client.get(reverse("project_detail", args=[delivery.project_id]))


@pytest.mark.parametrize("n", [10, 1000])
def test_project_panel_constant_queries(
    client, delivery, social_worker, purchaser, third_party, n, django_assert_max_num_queries
):
    from datetime import datetime, time

    from django.utils import timezone

    from evaluations.services.volunteer_hours import volunteer_service_record

    from .factories import make_volunteer

    bulk_logs(delivery, social_worker, n)
    volunteer = make_volunteer(organisation=delivery.contract.organisation, user=social_worker)
    for i, log in enumerate(delivery.logs.order_by("pk")[:3]):
        start = timezone.make_aware(datetime.combine(log.date, time(8 + 3 * i)))
        volunteer_service_record(
            log=log,
            user=social_worker,
            volunteer=volunteer,
            started_at=start,
            ended_at=start + timedelta(hours=2),
        )
    open_evaluation(delivery, purchaser, third_party)
    client.force_login(purchaser)
    with django_assert_max_num_queries(34):
        response = project_page(client, delivery)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"{n}/40 场" in body or f"{n}/40" in body
    assert f"执行日志 {n} 条" in body and "志愿服务 6 小时" in body
    assert "吴婷" in body and social_worker.phone not in body  # the team's names, no phones
    assert "中期评估" in body


def test_project_panel_same_count_at_10_and_1000(client, delivery, social_worker, purchaser):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(purchaser)
    counts = []
    for n in (10, 990):
        bulk_logs(delivery, social_worker, n)
        with CaptureQueriesContext(connection) as ctx:
            assert project_page(client, delivery).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_log_list_constant_queries(client, delivery, social_worker, django_assert_max_num_queries):
    client.force_login(social_worker)
    for n in (5, 200):
        bulk_logs(delivery, social_worker, n)
        with django_assert_max_num_queries(20):
            assert client.get(reverse("evaluations:logs", args=[delivery.pk])).status_code == 200


def test_log_form_over_http(client, delivery, social_worker, outsider):
    url = reverse("evaluations:log_new", args=[delivery.pk])
    data = {
        "indicator": delivery.project.indicators.first().pk,
        "count": "1",
        "activity": "亲子阅读",
        "date": (clock.today() - timedelta(days=1)).isoformat(),
        "place": "社区书屋",
        "participants": "12",
        "beneficiaries": "12",
        "service_hours": "2",
        "volunteer_hours": "4",
    }
    client.force_login(outsider)
    assert client.post(url, data).status_code == 403
    client.force_login(social_worker)
    assert client.get(url).status_code == 200
    assert client.post(url, {**data, "activity": ""}).status_code == 400
    assert client.post(url, data).status_code == 302
    log = DeliveryLog.objects.get()
    correct = reverse("evaluations:log_correct", args=[log.pk])
    assert client.post(correct, {**data, "count": "2", "reason": ""}).status_code == 400
    response = client.post(correct, {**data, "count": "2", "reason": "补录"})
    assert response.status_code == 302
    assert DeliveryLog.objects.filter(is_current=True).get().count == 2
    page = client.get(response.url).content.decode()
    assert "补录" in page


def test_team_page_over_http(client, delivery, org_admin, social_worker, organisation):
    from marketplace.models import Role
    from tests.marketplace.factories import UserFactory, grant

    url = reverse("evaluations:team", args=[delivery.pk])
    newcomer = grant(UserFactory(name="新社工"), Role.ORG_MEMBER, organisation=organisation)
    client.force_login(social_worker)
    assert "添加成员" not in client.get(url).content.decode()
    post = {
        "member": newcomer.pk,
        "role": "社工",
        "qualification": "assistant",
        "certificate_number": "Z9",
    }
    assert client.post(url, post).status_code == 403
    client.force_login(org_admin)
    assert client.post(url, post).status_code == 302
    assert "新社工" in client.get(url).content.decode()


def test_evaluation_and_payments_over_http(
    client, delivery, purchaser, staff, third_party, org_admin
):
    client.force_login(purchaser)
    response = client.post(
        reverse("evaluations:evaluation_open", args=[delivery.pk]),
        {"kind": "final", "third_party": third_party.pk},
    )
    assert response.status_code == 302
    evaluation = delivery.evaluations.get()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.UNDER_EVALUATION
    parties = {p.kind: p for p in evaluation.parties.all()}
    for user, kinds in (
        (staff, ["residents", "community"]),
        (third_party, ["third_party"]),
        (purchaser, ["purchaser"]),
    ):
        client.force_login(user)
        page = client.get(response.url).content.decode()
        assert "提交评分" in page
        for kind in kinds:
            pk = parties[kind].pk
            url = reverse("evaluations:party_score", args=[pk])
            names = [f"p{pk}-c{c.pk}" for c in parties[kind].criteria.all()] or [f"p{pk}-score"]
            assert client.post(url, dict.fromkeys(names, "101")).status_code == 400
            assert client.post(url, dict.fromkeys(names, "91")).status_code == 302
            assert client.post(url, dict.fromkeys(names, "95")).status_code == 409
    client.force_login(org_admin)
    close = reverse("evaluations:evaluation_close", args=[evaluation.pk])
    assert client.post(close).status_code == 403
    client.force_login(purchaser)
    assert client.post(close).status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.state, evaluation.grade) == (EvaluationState.CLOSED_PASS, "excellent")
    payments = client.get(reverse("evaluations:payments", args=[delivery.pk]))
    assert "拨付" in payments.content.decode()
    final = delivery.contract.payment_items.get(gate="final_pass")
    client.force_login(org_admin)
    assert client.post(reverse("evaluations:payment_release", args=[final.pk])).status_code == 403
    client.force_login(purchaser)
    assert client.post(reverse("evaluations:payment_release", args=[final.pk])).status_code == 302
    final.refresh_from_db()
    assert final.state == PaymentState.RELEASED


def test_my_work_lists_what_waits(client, delivery, purchaser, third_party, social_worker):
    evaluation = open_evaluation(delivery, purchaser, third_party)
    client.force_login(social_worker)
    assert delivery.project.title in client.get(reverse("my_work")).content.decode()
    client.force_login(third_party)
    page = client.get(reverse("my_work")).content.decode()
    assert reverse("evaluations:evaluation", args=[evaluation.pk]) in page
    client.force_login(purchaser)
    page = client.get(reverse("my_work")).content.decode()
    assert "结束评估" in page and "拨付" in page


def test_setup_from_the_project_page(client, organisation, purchaser, org_admin, social_worker):
    from .factories import contract_for

    contract = contract_for(organisation=organisation, purchaser=purchaser)
    client.force_login(social_worker)
    page = client.get(reverse("project_detail", args=[contract.project_id])).content.decode()
    assert "建立项目执行" not in page
    client.force_login(org_admin)
    assert "建立项目执行" in client.get(reverse("my_work")).content.decode()
    page = client.get(reverse("project_detail", args=[contract.project_id])).content.decode()
    assert "建立项目执行" in page
    response = client.post(reverse("evaluations:setup", args=[contract.pk]))
    assert response.status_code == 302
    assert client.post(reverse("evaluations:setup", args=[contract.pk])).status_code == 409


def test_overdue_rectification_is_flagged(client, delivery, purchaser, staff, third_party):
    from datetime import datetime

    from django.utils import timezone

    from .helpers import run_evaluation

    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party, score=30)
    url = reverse("evaluations:delivery", args=[delivery.pk])
    client.force_login(purchaser)
    assert "整改逾期" not in client.get(url).content.decode()
    later = timezone.make_aware(
        datetime.combine(clock.today() + timedelta(days=45), datetime.min.time())
    )
    with clock.travel(later):
        assert "整改逾期" in client.get(url).content.decode()

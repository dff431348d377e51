"""Objections (质疑) awaiting the purchaser's answer: on "my work" with their answer-due date
(7 working days), overdue flagged, linked to the answer page; reminded once before the date."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace import clock
from marketplace.models import Notification
from tenders import due_reminders
from tenders.duedates import answer_due
from tenders.models import Objection, ObjectionState, TenderState
from tests.marketplace.factories import force_state
from tests.tenders.factories import bidder

from .conftest import _tender

pytestmark = pytest.mark.django_db


def objection(purchaser, places, title, *, community="community_a", at=None, **fields):
    place = places["huashan"] if community != "village" else places["shilin"]
    tender = _tender(purchaser, places[community], place, title)
    force_state(tender, TenderState.AWARD_PROPOSED)
    org, user = bidder()
    return Objection.objects.create(
        tender=tender,
        organisation=org,
        filed_by=user,
        filed_at=at or clock.now(),
        text="评分不公",
        **fields,
    )


def page(client, user):
    client.force_login(user)
    response = client.get(reverse("my_work"))
    assert response.status_code == 200
    return response.content.decode()


def answer_link(o):
    return reverse("tenders:objection_answer", args=[o.pk])


def test_the_purchaser_sees_open_objections_with_their_answer_due_date(
    client, places, purchaser, purchaser_elsewhere
):
    mine = objection(purchaser, places, "A社区质疑项目")
    answered = objection(purchaser, places, "A社区已答复项目")
    force_state(answered, ObjectionState.REJECTED, answer="不成立", answered_at=clock.now())
    village = objection(purchaser_elsewhere, places, "村里质疑项目", community="village")
    html = page(client, purchaser)
    assert "待答复质疑（1）" in html and "A社区质疑项目" in html
    assert answer_link(mine) in html and mine.organisation.name in html
    assert f"{answer_due(mine.filed_at).at:%Y-%m-%d %H:%M}" in html
    assert "已逾期" not in html
    assert answer_link(answered) not in html and answer_link(village) not in html
    other = page(client, purchaser_elsewhere)
    assert answer_link(village) in other and answer_link(mine) not in other


def test_an_overdue_objection_is_flagged(client, places, purchaser):
    late = objection(purchaser, places, "A社区逾期质疑", at=clock.now() - timedelta(days=30))
    html = page(client, purchaser)
    assert answer_link(late) in html and "已逾期" in html


def test_another_purchaser_may_not_open_the_answer_page(
    client, places, purchaser, purchaser_elsewhere
):
    mine = objection(purchaser, places, "A社区质疑项目")
    client.force_login(purchaser_elsewhere)
    assert client.get(answer_link(mine)).status_code == 403
    client.force_login(purchaser)
    assert client.get(answer_link(mine)).status_code == 200


def test_objections_on_my_work_in_constant_queries(
    client, places, purchaser, django_assert_max_num_queries
):
    objection(purchaser, places, "A社区质疑0")
    page(client, purchaser)
    with CaptureQueriesContext(connection) as small:
        page(client, purchaser)
    for i in range(1, 5):
        objection(purchaser, places, f"A社区质疑{i}")
    with django_assert_max_num_queries(len(small)):
        assert "待答复质疑（5）" in page(client, purchaser)


def reminded(user):
    return list(
        Notification.objects.filter(
            user=user, key__startswith="remind:objection_answer"
        ).values_list("key", "url")
    )


def test_the_purchaser_is_reminded_once_before_the_answer_is_due(
    places, purchaser, purchaser_elsewhere, django_capture_on_commit_callbacks
):
    soon = objection(purchaser, places, "A社区质疑项目")
    later = objection(purchaser, places, "A社区后来的质疑", at=soon.filed_at + timedelta(days=5))
    answered = objection(purchaser, places, "A社区已答复项目")
    force_state(answered, ObjectionState.UPHELD, answer="成立", answered_at=clock.now())
    with clock.travel(answer_due(soon.filed_at).at - timedelta(days=1)):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                due_reminders.remind_purchasers()
    assert reminded(purchaser) == [
        (
            f"remind:objection_answer:{soon.pk}:{answer_due(soon.filed_at).at:%Y%m%d%H%M}",
            answer_link(soon),
        )
    ]
    assert later.pk != soon.pk and reminded(purchaser_elsewhere) == []


def test_no_reminder_once_the_date_has_passed(
    places, purchaser, django_capture_on_commit_callbacks
):
    objection(purchaser, places, "A社区逾期质疑", at=clock.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        due_reminders.remind_purchasers()
    assert reminded(purchaser) == []

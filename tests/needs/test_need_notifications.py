"""A need's author (and its followers) are told at every step: in-app, and by e-mail where an
address is known. Each step tells each of them exactly once, with a link to the right page."""

from datetime import date
from decimal import Decimal
from functools import partial

import pytest
from django.urls import reverse

from marketplace.models import Notification, ProjectState
from marketplace.services.projects import project_approve, project_submit
from marketplace.workflow import apply_transition
from needs.models import Decision, NeedState
from needs.services import designs
from needs.services import needs as services
from needs.services.consultations import Participant, consultation_record
from tests.marketplace.factories import UserFactory

from .factories import NeedFactory, go_forward, published


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """told(step, *users) runs `step` (committing) and returns what each user was newly told."""

    def run(step, *users):
        last = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with django_capture_on_commit_callbacks(execute=True):
            result = step()
        new = Notification.objects.filter(pk__gt=last)
        return result, [list(new.filter(user=u)) for u in users]

    return run


def need_url(need):
    return reverse("needs:detail", args=[need.pk])


def design(staff, places, needs, title="翠湖长者关爱项目"):
    return designs.design_create(
        user=staff,
        community=places["community_a"],
        fields=designs.DesignFields(
            title=title,
            background="独居老人多",
            beneficiaries="独居老人",
            objectives="提升生活质量",
            service_content="上门探访",
            period_start=date(2027, 1, 1),
            period_end=date(2027, 12, 31),
        ),
        indicators=[designs.IndicatorLine("output", "开展活动", "场", Decimal(40))],
        budget_lines=[designs.BudgetItem("活动物料", Decimal("500"), Decimal(40))],
        needs=needs,
    )


def follower_of(need):
    user = UserFactory()
    services.need_follow(need=need, user=user)
    return user


# Review: rejected, merged.


def test_rejected_tells_the_author_with_the_reason(staff, told):
    need = NeedFactory()
    _, [notes] = told(
        lambda: services.need_reject(need=need, user=staff, reason="内容与已有需求重复"),
        need.author,
    )
    assert len(notes) == 1
    assert notes[0].body == "内容与已有需求重复" and "未通过审核" in notes[0].title
    assert notes[0].url == need_url(need)


def test_merged_tells_both_authors_and_the_followers_with_a_link_to_the_target(staff, told):
    duplicate, target = published(title="楼道老人助餐"), published(title="老年助餐点")
    follower, target_follower = follower_of(duplicate), follower_of(target)
    _, notes = told(
        lambda: services.need_merge(need=duplicate, into=target, user=staff),
        duplicate.author,
        follower,
        target.author,
        target_follower,
    )
    author_notes, follower_notes, target_author_notes, target_follower_notes = notes
    for got in (author_notes, follower_notes):
        assert len(got) == 1
        assert got[0].url == need_url(target)
        assert "楼道老人助餐" in got[0].title and "老年助餐点" in got[0].title
    [joined] = target_author_notes  # the target's author hears that another need joined
    assert "另一条需求已合并到您的需求" in joined.title and joined.url == need_url(target)
    assert target_follower_notes == []
    assert target.follows.filter(user=follower).exists()


# Consultation: a decision on each need on the agenda.


@pytest.mark.parametrize(
    "decision, reason",
    [
        (Decision.GO_FORWARD, ""),
        (Decision.DEFER, "待明年预算"),
        (Decision.DECLINE, "已有其他渠道解决"),
    ],
)
def test_consultation_decision_tells_author_and_followers(staff, places, told, decision, reason):
    need = published()
    follower = follower_of(need)
    _, notes = told(
        lambda: consultation_record(
            user=staff,
            community=places["community_a"],
            date=date(2026, 11, 20),
            place="社区议事厅",
            participants=[Participant("resident", "张三"), Participant("staff", "李四")],
            minutes="逐条讨论",
            decisions=[(need, decision, reason)],
        ),
        need.author,
        follower,
    )
    for got in notes:
        assert len(got) == 1
        assert str(Decision(decision).label) in got[0].title
        assert got[0].body == reason and got[0].url == need_url(need)


# A design adopts the need; the project's later steps follow.


def test_adopted_names_the_project(staff, places, told):
    need = published()
    go_forward(need, staff)
    follower = follower_of(need)
    _, notes = told(
        lambda: design(staff, places, [need], title="翠湖助老服务项目"), need.author, follower
    )
    for got in notes:
        assert len(got) == 1
        assert "纳入项目" in got[0].title and "翠湖助老服务项目" in got[0].body
        assert got[0].url == need_url(need)


# (transition, needs the organisation, words in the title)
STEPS = [
    ("start_tendering", False, "采购程序"),
    ("contract", True, "签订服务合同"),
    ("start_delivery", False, "开始提供服务"),
]


def adopted_and_approved(staff, purchaser, places, need):
    go_forward(need, staff)
    project = design(staff, places, [need])
    project = project_submit(project=project, user=staff)
    return project_approve(
        project=project, user=purchaser, budget=Decimal("20000"), funding_source="fiscal"
    )


def walk(project, purchaser, organisation, until: str):
    """Drive an approved project through its real transitions up to `until` (a state)."""
    path = [
        ("start_tendering", {}),
        ("contract", {"organisation": organisation}),
        ("start_delivery", {}),
        ("start_evaluation", {}),
        ("complete", {}),
    ]
    for name, kwargs in path:
        if project.state == until:
            break
        project = apply_transition(project, name, actor=purchaser, **kwargs)
    return project


def test_each_project_step_tells_author_and_followers_once(
    staff, purchaser, places, organisation, told
):
    need = published(title="独居老人探访")
    follower = follower_of(need)
    project = adopted_and_approved(staff, purchaser, places, need)
    for name, with_organisation, words in STEPS:
        kwargs = {"organisation": organisation} if with_organisation else {}
        step = partial(apply_transition, project, name, actor=purchaser, **kwargs)
        project, notes = told(step, need.author, follower)
        for got in notes:
            assert len(got) == 1, name
            assert words in got[0].title and project.title in got[0].body
            assert got[0].url == need_url(need)
    project = apply_transition(project, "start_evaluation", actor=purchaser)
    step = partial(apply_transition, project, "complete", actor=purchaser)
    project, notes = told(step, need.author, follower)
    need.refresh_from_db()
    assert need.state == NeedState.FULFILLED
    for got in notes:
        assert len(got) == 1
        assert "需求已解决" in got[0].title and project.title in got[0].body
        assert got[0].url == need_url(need)


# E-mail: after commit, only where an address is known.


def test_email_is_sent_after_commit_to_an_author_with_an_address(
    staff, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://sanshe.example.cn"
    need = NeedFactory(author=UserFactory(email="lixiulan@example.cn"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.need_reject(need=need, user=staff, reason="请补充具体地址")
    assert mailoutbox == [] and not Notification.objects.exists()  # nothing before commit
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["lixiulan@example.cn"] and "未通过审核" in mail.subject
    assert "请补充具体地址" in mail.body
    assert f"https://sanshe.example.cn{need_url(need)}" in mail.body


def test_no_email_to_a_user_without_an_address(staff, mailoutbox, told):
    need = NeedFactory(author=UserFactory(email=""))
    _, [notes] = told(lambda: services.need_publish(need=need, user=staff), need.author)
    assert len(notes) == 1 and mailoutbox == []


def test_the_email_task_skips_a_user_who_has_since_removed_the_address(mailoutbox, db):
    from marketplace.tasks import send_notification_email

    user = UserFactory(email="")
    note = Notification.objects.create(user=user, title="需求已公开", url="/needs/1/")
    send_notification_email(note.pk)
    assert mailoutbox == []


# "My needs": the later steps on the timeline, in constant queries.


def build_walked_needs(resident, staff, purchaser, places, organisation, rounds: int):
    stages = [
        ProjectState.TENDERING,
        ProjectState.CONTRACTED,
        ProjectState.IN_DELIVERY,
        ProjectState.COMPLETED,
    ]
    for _ in range(rounds):
        for stage in stages:
            need = published(author=resident)
            project = adopted_and_approved(staff, purchaser, places, need)
            walk(project, purchaser, organisation, until=stage)


@pytest.mark.parametrize("rounds", [1, 3])
def test_my_needs_shows_the_project_steps_in_constant_queries(
    client,
    resident,
    staff,
    purchaser,
    places,
    organisation,
    django_assert_max_num_queries,
    rounds,
):
    build_walked_needs(resident, staff, purchaser, places, organisation, rounds)
    client.force_login(resident)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("needs:mine")).content.decode()
    for label in ["采购中", "已签约", "执行中", "已完成", "已解决"]:
        assert f"<strong>{label}</strong>" in body, label
    assert body.count("<strong>已完成</strong>") == rounds

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace.models import Notification, ProjectState, TransitionRecord
from marketplace.services import projects as services
from marketplace.workflow import WorkflowError
from tests.marketplace.factories import ProjectFactory, force_state


@pytest.fixture
def project(staff):
    return ProjectFactory(designer=staff)


def test_staff_submits_and_it_is_recorded(project, staff):
    project = services.project_submit(project=project, user=staff)
    assert project.state == ProjectState.SUBMITTED
    assert project.design_versions.count() == 1
    record = TransitionRecord.objects.get(object_id=project.pk, transition="submit")
    assert (record.by, record.source, record.target) == (staff, "draft", "submitted")


def test_staff_of_another_community_cannot_submit(project, staff_b):
    with pytest.raises(PermissionDenied):
        services.project_submit(project=project, user=staff_b)
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


def test_submit_needs_indicators(staff):
    project = ProjectFactory(designer=staff, design=False)
    with pytest.raises(WorkflowError, match="产出指标"):
        services.project_submit(project=project, user=staff)


def test_purchaser_approves_over_http(client, project, purchaser):
    force_state(project, ProjectState.SUBMITTED)
    client.force_login(purchaser)
    url = reverse("project_approve", args=[project.pk])
    response = client.post(url, {"budget": "20000", "funding_source": "fiscal"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.APPROVED
    assert project.approved_budget == Decimal("20000")


@pytest.mark.parametrize("who", ["staff", "purchaser_elsewhere", "outsider"])
def test_others_cannot_approve(client, project, who, request):
    force_state(project, ProjectState.SUBMITTED)
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("project_approve", args=[project.pk]),
        {"budget": "20000", "funding_source": "fiscal"},
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED


def test_approve_in_wrong_state_is_refused(client, project, purchaser):
    client.force_login(purchaser)
    response = client.post(
        reverse("project_approve", args=[project.pk]),
        {"budget": "20000", "funding_source": "fiscal"},
    )
    assert response.status_code == 409
    assert "当前状态" in response.content.decode()


def test_return_requires_a_reason(client, project, purchaser):
    force_state(project, ProjectState.SUBMITTED)
    client.force_login(purchaser)
    response = client.post(reverse("project_return", args=[project.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "请填写理由" in response.content.decode()


COMMENTS = "预算中场地租赁费偏高，请补充测算依据；活动计划请细化到月。"


def test_purchaser_returns_with_comments_and_the_designer_sees_them(
    client, project, staff, purchaser, django_capture_on_commit_callbacks
):
    force_state(project, ProjectState.SUBMITTED)
    client.force_login(purchaser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("project_return", args=[project.pk]), {"reason": COMMENTS})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.RETURNED
    record = TransitionRecord.objects.get(object_id=project.pk, transition="return_design")
    assert (record.by, record.source, record.target) == (purchaser, "submitted", "returned")
    assert record.reason == COMMENTS
    notes = Notification.objects.filter(user=staff)
    assert notes.count() == 1
    assert notes[0].body == COMMENTS and project.title in notes[0].title
    assert notes[0].url == reverse("project_detail", args=[project.pk])
    client.force_login(staff)
    page = client.get(reverse("project_detail", args=[project.pk])).content.decode()
    assert COMMENTS in page and "已退回修改" in page
    assert reverse("project_submit", args=[project.pk]) in page  # the designer may resubmit
    assert client.get(reverse("needs:design_edit", args=[project.pk])).status_code == 200


@pytest.mark.parametrize("who", ["staff", "purchaser_elsewhere", "outsider"])
def test_others_cannot_return(client, project, who, request, django_capture_on_commit_callbacks):
    force_state(project, ProjectState.SUBMITTED)
    client.force_login(request.getfixturevalue(who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("project_return", args=[project.pk]), {"reason": COMMENTS})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED
    assert not TransitionRecord.objects.filter(object_id=project.pk).exists()
    assert not Notification.objects.exists()


def _unchanged(project):
    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED
    assert project.approved_budget is None and project.funding_source == ""
    assert not TransitionRecord.objects.filter(object_id=project.pk).exists()


@pytest.mark.parametrize(
    "budget, funding_source, message",
    [
        (Decimal("0"), "fiscal", "批准预算必须大于零"),
        (Decimal("-100"), "fiscal", "批准预算必须大于零"),
        (None, "fiscal", "批准预算必须大于零"),
        (Decimal("20000"), "lottery", "资金来源须为"),
        (Decimal("20000"), "", "资金来源须为"),
    ],
)
def test_service_refuses_a_bad_budget_or_funding_source(
    project, purchaser, budget, funding_source, message
):
    force_state(project, ProjectState.SUBMITTED)
    with pytest.raises(WorkflowError, match=message) as caught:
        services.project_approve(
            project=project, user=purchaser, budget=budget, funding_source=funding_source
        )
    assert caught.value.status == 400
    _unchanged(project)


def test_service_accepts_a_known_funding_source(project, purchaser):
    force_state(project, ProjectState.SUBMITTED)
    project = services.project_approve(
        project=project, user=purchaser, budget=Decimal("18000"), funding_source="welfare_lottery"
    )
    assert project.get_funding_source_display() == "福彩公益金"


def test_service_checks_permission_before_the_input(project, outsider):
    force_state(project, ProjectState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.project_approve(
            project=project, user=outsider, budget=Decimal("0"), funding_source="lottery"
        )
    _unchanged(project)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"budget": "0", "funding_source": "fiscal"}, "批准预算必须大于零"),
        ({"budget": "-5", "funding_source": "fiscal"}, "批准预算必须大于零"),
        ({"budget": "", "funding_source": "fiscal"}, "请填写批准预算"),
        ({"budget": "20000", "funding_source": "lottery"}, "请从列表中选择资金来源"),
        ({"budget": "20000"}, "请选择资金来源"),
    ],
)
def test_bad_approval_over_http_is_400_and_changes_nothing(
    client, project, purchaser, data, message
):
    force_state(project, ProjectState.SUBMITTED)
    client.force_login(purchaser)
    response = client.post(reverse("project_approve", args=[project.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    _unchanged(project)

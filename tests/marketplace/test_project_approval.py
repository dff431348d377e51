from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace.models import ProjectState, TransitionRecord
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

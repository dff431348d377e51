import pytest
from django.core.exceptions import PermissionDenied

from marketplace import clock
from marketplace.models import ProjectState, TransitionRecord
from marketplace.selectors import timeline_for
from marketplace.workflow import SYSTEM, WorkflowError, apply_transition, check_transition
from tests.marketplace.factories import ProjectFactory, force_state


@pytest.fixture
def project(staff):
    return ProjectFactory(designer=staff)


def test_every_transition_is_recorded_with_who_when_and_why(project, purchaser):
    force_state(project, ProjectState.SUBMITTED)
    apply_transition(project, "return_design", actor=purchaser, reason="预算明细不清")
    (record,) = timeline_for(project)
    assert record.by == purchaser
    assert (record.source, record.target) == ("submitted", "returned")
    assert record.reason == "预算明细不清"
    assert (record.source_label, record.target_label) == ("待审批", "已退回修改")
    assert abs((record.at - clock.now()).total_seconds()) < 5


def test_system_actor_skips_permission_but_not_state(project):
    force_state(project, ProjectState.SUBMITTED)
    apply_transition(project, "return_design", actor=SYSTEM, reason="定时")
    assert TransitionRecord.objects.get(object_id=project.pk).by is None
    with pytest.raises(WorkflowError):
        apply_transition(project, "complete", actor=SYSTEM)


def test_refused_transition_changes_nothing(project, outsider):
    force_state(project, ProjectState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        apply_transition(project, "return_design", actor=outsider, reason="x")
    project.refresh_from_db()
    assert project.state == ProjectState.SUBMITTED
    assert not TransitionRecord.objects.exists()


def test_protected_state_cannot_be_assigned(project):
    with pytest.raises(AttributeError):
        project.state = ProjectState.APPROVED


def test_condition_message_is_reported(staff):
    project = ProjectFactory(designer=staff, no_need_reason="", design=True)
    with pytest.raises(WorkflowError, match="没有需求的项目须说明理由"):
        check_transition(project, "submit", staff)

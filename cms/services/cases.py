"""Model cases through Wagtail's moderation workflow: an editor drafts and submits, a reviewer
approves (which publishes). The same steps the admin's buttons take, for seeders and tests."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.workflow import WorkflowError

from ..models import CaseIndexPage, CasePage


@transaction.atomic
def case_draft(*, index: CaseIndexPage, user, **fields) -> CasePage:
    """A new unpublished case under `index` (refused for a project that is not completed)."""
    if not index.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied(_("您没有在此栏目下撰写案例的权限。"))
    if not fields.get("slug"):
        project = fields.get("project")
        base = f"case-{project.pk}" if project is not None else "case"
        taken = set(
            index.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
        )
        fields["slug"] = next(s for n in range(1, 1000) if (s := f"{base}-{n}") not in taken)
    case = CasePage(live=False, owner=user, **fields)
    try:
        case.full_clean(exclude=["path", "depth", "url_path"])
    except ValidationError as exc:
        raise WorkflowError("；".join(exc.messages), status=400) from exc
    index.add_child(instance=case)
    case.save_revision(user=user)
    return case


@transaction.atomic
def case_submit(*, case: CasePage, user) -> None:
    """Submit the latest revision for moderation (the workflow assigned to the site)."""
    if not case.permissions_for_user(user).can_edit():
        raise PermissionDenied(_("您没有编辑此案例的权限。"))
    workflow = case.get_workflow()
    if workflow is None:
        raise WorkflowError(_("尚未为网站设置审核流程。"))
    if case.workflow_in_progress:
        raise WorkflowError(_("此案例已在审核中。"))
    case.save_revision(user=user)
    workflow.start(case, user)


@transaction.atomic
def case_approve(*, case: CasePage, user) -> CasePage:
    """A reviewer approves the case's current task; the last approval publishes it."""
    case = CasePage.objects.get(pk=case.pk)
    task_state = case.current_workflow_task_state
    if task_state is None:
        raise WorkflowError(_("此案例没有待审核的任务。"))
    task = task_state.task.specific
    actions = {name for name, *_rest in task.get_actions(case, user)}
    if "approve" not in actions:
        raise PermissionDenied(_("只有网站审核员可以审核发布。"))
    task.on_action(task_state, user, "approve")
    return CasePage.objects.get(pk=case.pk)

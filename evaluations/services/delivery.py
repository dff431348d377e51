"""Setting up a delivery, naming its team and starting it (with the project)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.models import ProjectState
from marketplace.services.notifications import notify
from marketplace.workflow import WorkflowError, apply_transition
from tenders.models import Contract, ContractState

from .. import rules, schedule
from ..models import Delivery, DeliveryState, PaymentItem, Qualification, TeamMember


@transaction.atomic
def delivery_setup(*, contract: Contract, user, payment_schedule=None) -> Delivery:
    """Open the delivery of a signed contract and turn its payment schedule into items."""
    contract = Contract.objects.select_for_update().select_related("project").get(pk=contract.pk)
    project = contract.project
    from marketplace import rules as core

    if not (core.is_org_admin(user, contract.organisation) or core.can_decide(project, user)):
        raise PermissionDenied(_("只有承接组织管理员或购买主体可以建立项目执行。"))
    if contract.state != ContractState.SIGNED:
        raise WorkflowError(_("合同尚未签署，不能建立项目执行。"))
    if (
        project.state != ProjectState.CONTRACTED
        or project.organisation_id != contract.organisation_id
    ):
        raise WorkflowError(_("项目不处于“已签约”状态，不能建立项目执行。"))
    if Delivery.objects.filter(contract=contract).exists():
        raise WorkflowError(_("该合同已建立项目执行。"))
    delivery = Delivery.objects.create(contract=contract, project=project)
    PaymentItem.objects.bulk_create(
        PaymentItem(contract=contract, label=label, percentage=pct, gate=gate, amount=amount)
        for label, pct, gate, amount in schedule.split(
            contract.amount, payment_schedule or schedule.DEFAULT_SCHEDULE
        )
    )
    return delivery


@transaction.atomic
def team_member_add(
    *,
    delivery: Delivery,
    user,
    member,
    role: str,
    qualification: str = Qualification.NONE,
    certificate_number: str = "",
    is_volunteer: bool = False,
) -> TeamMember:
    delivery = Delivery.objects.select_for_update().select_related("contract").get(pk=delivery.pk)
    if not rules.names_team(delivery, user):
        raise PermissionDenied(_("只有承接组织管理员可以组建项目团队。"))
    if delivery.state in (DeliveryState.COMPLETED, DeliveryState.TERMINATED):
        raise WorkflowError(_("项目执行已结束，不能再调整团队。"))
    if qualification != Qualification.NONE and not certificate_number.strip():
        raise WorkflowError(_("持证社会工作者须填写职业资格证书编号。"), status=400)
    if is_volunteer and qualification != Qualification.NONE:
        is_volunteer = False  # a certified social worker counts as staff, not volunteer
    from marketplace import rules as core

    if not is_volunteer and not core.is_member_of(member, delivery.contract.organisation):
        raise WorkflowError(_("非志愿者的团队成员须为承接组织成员。"), status=400)
    if delivery.team.filter(user=member).exists():
        raise WorkflowError(_("此人已在团队中。"), status=400)
    return TeamMember.objects.create(
        delivery=delivery,
        user=member,
        role=role,
        qualification=qualification,
        certificate_number=certificate_number.strip(),
        is_volunteer=is_volunteer,
    )


@transaction.atomic
def delivery_start(*, delivery: Delivery, user) -> Delivery:
    delivery = apply_transition(delivery, "start", actor=user)
    apply_transition(delivery.project, "start_delivery", actor=user)
    notify(
        users=[tm.user for tm in delivery.team.select_related("user")],
        title=_("项目开始执行：%(title)s") % {"title": delivery.project.title},
        body=_("请按计划开展服务并记录执行日志。"),
        url=reverse("evaluations:delivery", args=[delivery.pk]),
        key=f"delivery-started-{delivery.pk}",
    )
    return delivery


@transaction.atomic
def delivery_terminate(*, delivery: Delivery, user, reason: str) -> Delivery:
    """The purchaser ends the contract's delivery (e.g. after a second failed evaluation)."""
    if not reason.strip():
        raise WorkflowError(_("终止须说明理由。"), status=400)
    delivery = apply_transition(delivery, "terminate", actor=user, reason=reason)
    apply_transition(delivery.project, "terminate", actor=user, reason=reason)
    return delivery

"""Writes on an organisation's own profile and membership (by its admins only)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .. import rules
from ..models import Organisation, RoleAssignment, User
from ..models.user import ORGANISATION_ROLES
from ..workflow import WorkflowError


def organisation_profile_update(*, organisation: Organisation, user, description: str) -> None:
    if not rules.is_org_admin(user, organisation):
        raise PermissionDenied(_("只有本组织管理员可以修改组织信息。"))
    Organisation.objects.filter(pk=organisation.pk).update(description=description)


@transaction.atomic
def organisation_member_add(
    *, organisation: Organisation, user, phone: str, role: str, title: str = ""
) -> RoleAssignment:
    if not rules.is_org_admin(user, organisation):
        raise PermissionDenied(_("只有本组织管理员可以添加成员。"))
    if role not in ORGANISATION_ROLES:
        raise WorkflowError(_("角色不正确。"), status=400)
    member = User.objects.filter(phone=phone).first()
    if member is None:
        raise WorkflowError(_("该手机号尚未注册，请对方先用手机号登录一次。"), status=400)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=member, role=role, organisation=organisation, defaults={"title": title}
    )
    if not created:
        raise WorkflowError(_("此人已是本组织该角色的成员。"), status=400)
    return assignment

"""Needs received offline (paper forms, the 12345 hotline) entered in bulk by community staff."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from marketplace import rules as core
from marketplace.models import Place, PlaceLevel
from marketplace.workflow import WorkflowError

from ..models import Need


def need_import(
    *,
    user,
    community: Place,
    category: str,
    title: str,
    description: str,
    people_count: int = 1,
    contact_phone: str = "",
) -> Need:
    """One imported need: waits for review like any other; the importing staff is its author."""
    if community.level != PlaceLevel.COMMUNITY:
        raise WorkflowError(_("需求须提给一个社区或村。"), status=400)
    if not core.is_staff_for(user, community):
        raise PermissionDenied(_("只能导入您负责的社区的需求。"))
    return Need.objects.create(
        author=user,
        community=community,
        category=category,
        title=title.strip(),
        description=description.strip(),
        people_count=people_count,
        contact_phone=contact_phone or "",
    )

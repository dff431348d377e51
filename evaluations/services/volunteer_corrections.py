"""Correcting a volunteer's record (not a state change): recorded as a VolunteerChange."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace import rules as core

from .. import rules
from ..models import Volunteer, VolunteerChange
from ..volunteer_selectors import correctable_communities
from .volunteers import refuse_outside, volunteer_clean

FIELDS = ("name", "phone", "skills")


@transaction.atomic
def volunteer_correct(
    *, volunteer: Volunteer, user, name: str, phone: str, skills: str = "", communities
) -> VolunteerChange | None:
    """The registering organisation's admins (or, for a self-registered volunteer, the staff
    of its communities) correct name, phone, skills and communities. The ID number is not
    editable here. Returns the recorded change, or None when nothing changed.

    Raises PermissionDenied for anyone else and ValidationError (Chinese, keyed by field).
    """
    locked = (  # lock the volunteer row only: the organisation is an outer join (nullable)
        Volunteer.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=volunteer.pk)
    )
    if not rules.corrects_volunteer(locked, user):
        raise PermissionDenied(_("只有登记组织的管理员或服务社区的社区工作者可以更正志愿者信息。"))
    row = volunteer_clean(
        name=name, phone=phone, id_number=locked.id_number, skills=skills,
        communities=communities, volunteer=locked,
    )  # fmt: skip
    allowed = set(correctable_communities(locked, user).values_list("pk", flat=True))
    refuse_outside(
        row["communities"], lambda place: place.pk in allowed, _("%(names)s 不在可选的服务社区内。")
    )
    if not locked.organisation_id and not any(
        core.is_staff_for(user, place) for place in row["communities"]
    ):  # staff would hand the record to communities they do not serve, and lose it
        raise ValidationError(
            {"communities": [_("请至少保留一个您服务的社区，否则您将无法再查看和更正这位志愿者。")]}
        )
    changes = {f: [getattr(locked, f), row[f]] for f in FIELDS if getattr(locked, f) != row[f]}
    before = list(locked.communities.order_by("code"))
    after = sorted(row["communities"], key=lambda p: p.code)
    if [p.pk for p in before] != [p.pk for p in after]:
        changes["communities"] = [[p.name for p in before], [p.name for p in after]]
    if not changes:
        return None
    for field in FIELDS:
        setattr(locked, field, row[field])
    locked.save(update_fields=list(FIELDS))
    locked.communities.set(after)
    return VolunteerChange.objects.create(volunteer=locked, by=user, changes=changes)

"""Registering volunteers (by a social organisation); the web form and the importer call this."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace import clock
from marketplace.models import PlaceLevel, Role
from marketplace.selectors import holders_of
from marketplace.services.notifications import notify
from marketplace.validators import validate_mobile
from marketplace.workflow import WorkflowError, apply_transition, check_transition

from .. import rules
from ..models import Volunteer, VolunteerState
from ..validators import normalise_id_number, validate_id_number


def _duplicate_id():
    return ValidationError({"id_number": [_("该居民身份证号码已登记为志愿者，不能重复登记。")]})


def volunteer_clean(*, name, phone, id_number, skills, communities, volunteer=None) -> dict:
    """Check one volunteer's data (no writes): the form's and the importer's own rules.

    Raises ValidationError (Chinese messages keyed by field), including for an ID number
    already registered (by anyone but `volunteer`, the record being corrected).
    """
    errors = {}
    name, phone, skills = (name or "").strip(), (phone or "").strip(), (skills or "").strip()
    id_number = normalise_id_number(id_number)
    if not name:
        errors["name"] = [_("请填写志愿者姓名。")]
    elif len(name) > 50:
        errors["name"] = [_("姓名不能超过50个字。")]
    for field, value, check in (
        ("phone", phone, validate_mobile),
        ("id_number", id_number, validate_id_number),
    ):
        try:
            check(value)
        except ValidationError as exc:
            errors[field] = exc.messages
    others = Volunteer.objects.exclude(pk=volunteer.pk) if volunteer else Volunteer.objects
    if "id_number" not in errors and others.filter(id_number=id_number).exists():
        errors["id_number"] = _duplicate_id().message_dict["id_number"]
    if len(skills) > 200:
        errors["skills"] = [_("技能特长不能超过200个字。")]
    communities = list(communities or [])
    if not communities:
        errors["communities"] = [_("请至少选择一个服务社区。")]
    elif any(p.level != PlaceLevel.COMMUNITY for p in communities):
        errors["communities"] = [_("服务社区须为社区或村。")]
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "phone": phone,
        "id_number": id_number,
        "skills": skills,
        "communities": communities,
    }


def refuse_outside(communities, allowed, message: str) -> None:
    """ValidationError on `communities` naming those for which `allowed(place)` is false
    (`message` is translated and carries %(names)s)."""
    outside = [p.name for p in communities if not allowed(p)]
    if outside:
        raise ValidationError({"communities": [message % {"names": "、".join(outside)}]})


def volunteer_check(*, user, organisation, **data) -> dict:
    """Everything `volunteer_register` checks, without writing (the importer's dry run)."""
    if not rules.registers_volunteers(organisation, user):
        raise PermissionDenied(_("只有社会组织的管理员或成员可以登记志愿者。"))
    row = volunteer_clean(**data)
    refuse_outside(
        row["communities"],
        lambda place: rules.serves_area(organisation, place),
        _("%(names)s 不在本组织所在地区内，不能登记。"),
    )
    return row


def _create(row: dict, **fields) -> Volunteer:
    """The checked `row` saved with `fields`, numbered, with its communities."""
    communities = row.pop("communities")
    try:
        with transaction.atomic():
            volunteer = Volunteer.objects.create(**row, **fields)
    except IntegrityError as exc:  # the same ID number registered at the same moment
        raise _duplicate_id() from exc
    volunteer.number = f"ZY{volunteer.registered_at:%Y}{volunteer.pk:08d}"
    volunteer.save(update_fields=["number"])
    volunteer.communities.set(communities)
    return volunteer


@transaction.atomic
def volunteer_register(
    *, user, organisation, name: str, phone: str, id_number: str, skills: str = "", communities
) -> Volunteer:
    """Register a volunteer for `organisation`.

    Raises PermissionDenied when `user` is not a member of the organisation, and
    ValidationError (messages in Chinese, keyed by field) for bad or duplicate data or a
    community outside the organisation's area. The account with the same phone number, if
    any, is linked: that person then sees the record and downloads certificates.
    """
    row = volunteer_check(
        user=user,
        organisation=organisation,
        name=name,
        phone=phone,
        id_number=id_number,
        skills=skills,
        communities=communities,
    )
    account = get_user_model().objects.filter(phone=row["phone"], volunteer__isnull=True).first()
    return _create(row, organisation=organisation, registered_by=user, user=account)


def _self_clean(user, volunteer=None, **data) -> dict:
    """The person's own data: `volunteer_clean`, and communities of the resident's street."""
    from ..volunteer_selectors import communities_open_to

    row = volunteer_clean(**data, volunteer=volunteer)
    open_to = set(communities_open_to(user).values_list("pk", flat=True))
    refuse_outside(
        row["communities"],
        lambda place: place.pk in open_to,
        _("%(names)s 不在您居住的街道（乡镇）内。"),
    )
    return row


@transaction.atomic
def volunteer_self_register(
    *, user, name: str, phone: str, id_number: str, skills: str = "", communities
) -> Volunteer:
    """A signed-in resident registers as a volunteer: linked to the account, unverified
    until the staff of one of the chosen communities verify it. One registration per
    account and per ID number (ValidationError in Chinese)."""
    if not rules.self_registers(user):
        raise PermissionDenied(_("只有已登录的居民可以登记成为志愿者。"))
    if Volunteer.objects.filter(user=user).exists():
        raise ValidationError(_("您的账号已登记为志愿者，每个账号只能登记一次。"))
    row = _self_clean(
        user, name=name, phone=phone, id_number=id_number, skills=skills, communities=communities
    )
    volunteer = _create(
        row, organisation=None, registered_by=user, user=user, state=VolunteerState.UNVERIFIED
    )
    _ask_staff_to_verify(volunteer, _("新的志愿者登记待核实：%(name)s"))
    return volunteer


def _ask_staff_to_verify(volunteer: Volunteer, title: str) -> None:
    """Tell the staff of the volunteer's communities that a registration waits for them
    (once per submission: the key names the volunteer and the moment)."""
    notify(
        users=holders_of(Role.COMMUNITY_STAFF, volunteer.communities.all()),
        title=title % {"name": volunteer.name},
        body=_("请到“我的工作”核实志愿者身份。"),
        url=reverse("evaluations:volunteer", args=[volunteer.pk]),
        key=f"volunteer-to-verify-{volunteer.pk}-{clock.now():%Y%m%d%H%M%S%f}",
    )


def volunteer_verify(*, volunteer: Volunteer, user, reason: str = "") -> Volunteer:
    """Community staff of one of its communities verify a self-registered volunteer."""
    return apply_transition(volunteer, "verify", actor=user, reason=reason)


@transaction.atomic
def volunteer_reject(*, volunteer: Volunteer, user, reason: str) -> Volunteer:
    """Community staff of one of its communities reject a self-registration, with a reason
    (required: WorkflowError 400) that the person is told and sees on their record."""
    check_transition(volunteer, "reject", user)
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("请填写不通过核实的理由。"), status=400)
    volunteer = apply_transition(volunteer, "reject", actor=user, reason=reason)
    notify(
        users=[volunteer.user],
        title=_("您的志愿者登记未通过核实"),
        body=reason,
        url=reverse("evaluations:volunteer", args=[volunteer.pk]),
        key=f"volunteer-rejected-{volunteer.pk}-{clock.now():%Y%m%d%H%M%S%f}",
    )
    return volunteer


@transaction.atomic
def volunteer_resubmit(
    *,
    volunteer: Volunteer,
    user,
    name: str,
    phone: str,
    id_number: str,
    skills: str = "",
    communities,
) -> Volunteer:
    """The person corrects a rejected registration and submits it again: same record and
    number, back to 待核实 (the one-per-account and one-per-ID-number rules still hold)."""
    check_transition(volunteer, "resubmit", user)
    row = _self_clean(
        user, volunteer, name=name, phone=phone, id_number=id_number, skills=skills,
        communities=communities,
    )  # fmt: skip
    communities = row.pop("communities")
    locked = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    for field, value in row.items():
        setattr(locked, field, value)
    try:
        with transaction.atomic():
            locked.save(update_fields=list(row))
    except IntegrityError as exc:
        raise _duplicate_id() from exc
    locked.communities.set(communities)
    locked = apply_transition(locked, "resubmit", actor=user, reason=_("本人修改后重新提交"))
    _ask_staff_to_verify(locked, _("志愿者修改后重新提交，待核实：%(name)s"))
    return locked

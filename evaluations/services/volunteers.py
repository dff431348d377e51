"""Registering volunteers (by a social organisation); the web form and the importer call this."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.models import PlaceLevel
from marketplace.validators import validate_mobile

from .. import rules
from ..models import Volunteer
from ..validators import normalise_id_number, validate_id_number


def _clean(name, phone, id_number, skills, communities):
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
    if len(skills) > 200:
        errors["skills"] = [_("技能特长不能超过200个字。")]
    communities = list(communities or [])
    if not communities:
        errors["communities"] = [_("请至少选择一个服务社区。")]
    elif any(p.level != PlaceLevel.COMMUNITY for p in communities):
        errors["communities"] = [_("服务社区须为社区或村。")]
    if errors:
        raise ValidationError(errors)
    return name, phone, id_number, skills, communities


@transaction.atomic
def volunteer_register(
    *, user, organisation, name: str, phone: str, id_number: str, skills: str = "", communities
) -> Volunteer:
    """Register a volunteer for `organisation`.

    Raises PermissionDenied when `user` is not a member of the organisation, and
    ValidationError (messages in Chinese, keyed by field) for bad or duplicate data.
    The account with the same phone number, if any, is linked: that person then sees
    the record and downloads certificates.
    """
    if not rules.registers_volunteers(organisation, user):
        raise PermissionDenied(_("只有社会组织的管理员或成员可以登记志愿者。"))
    if communities is not None and not isinstance(communities, list | tuple):
        communities = list(communities)
    name, phone, id_number, skills, communities = _clean(
        name, phone, id_number, skills, communities
    )
    if Volunteer.objects.filter(id_number=id_number).exists():
        raise ValidationError({"id_number": [_("该居民身份证号码已登记为志愿者，不能重复登记。")]})
    account = get_user_model().objects.filter(phone=phone, volunteer__isnull=True).first()
    try:
        with transaction.atomic():
            volunteer = Volunteer.objects.create(
                name=name,
                phone=phone,
                id_number=id_number,
                skills=skills,
                organisation=organisation,
                registered_by=user,
                user=account,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"id_number": [_("该居民身份证号码已登记为志愿者，不能重复登记。")]}
        ) from exc
    volunteer.number = f"ZY{volunteer.registered_at:%Y}{volunteer.pk:08d}"
    volunteer.save(update_fields=["number"])
    volunteer.communities.set(communities)
    return volunteer

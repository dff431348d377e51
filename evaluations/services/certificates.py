"""Issuing a volunteer service certificate (志愿服务证明, 民政部令第67号) in an organisation's name."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from marketplace.documents import request_render

from .. import rules
from ..models import Volunteer, VolunteerCertificate, VolunteerService

# No 0/O/1/I: the code is read off paper and typed.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def certificate_issue(
    *, volunteer: Volunteer, organisation, user, responsible_person: str
) -> VolunteerCertificate:
    """Certify every service `organisation` recorded for `volunteer` so far (with the total)."""
    if not rules.issues_certificate(organisation, user):
        raise PermissionDenied(_("只有组织活动的社会组织管理员可以出具志愿服务证明。"))
    responsible_person = (responsible_person or "").strip()
    if not responsible_person:
        raise ValidationError({"responsible_person": [_("请填写出具证明的负责人。")]})
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    services = VolunteerService.objects.filter(volunteer=volunteer, organisation=organisation)
    total = services.aggregate(h=Sum("hours"))["h"]
    if not total:
        raise ValidationError(_("本组织没有该志愿者的服务记录，不能出具志愿服务证明。"))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = VolunteerCertificate.objects.create(
                    volunteer=volunteer,
                    organisation=organisation,
                    code=new_code(),
                    total_hours=total,
                    responsible_person=responsible_person[:50],
                    issued_by=user,
                )
            break
        except IntegrityError:  # the 32^12 code space makes this practically unreachable
            continue
    else:
        raise ValidationError(_("生成验证码失败，请重试。"))
    certificate.number = f"ZYFWZM{certificate.issued_at:%Y}{certificate.pk:06d}"
    certificate.save(update_fields=["number"])
    certificate.services.set(services)
    request_render(certificate, "volunteer_certificate")
    return certificate

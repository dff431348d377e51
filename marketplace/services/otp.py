"""Sign-in with a phone number and a one-time code."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .. import clock
from ..models import OneTimeCode, User
from ..sms import get_sender
from ..validators import MOBILE_RE
from ..workflow import WorkflowError

CODE_TTL = timedelta(minutes=5)
RESEND_AFTER = timedelta(seconds=60)
MAX_ATTEMPTS = 5
MAX_PER_HOUR = 5


def _hash(phone: str, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{phone}:{code}".encode(), hashlib.sha256
    ).hexdigest()


def _check_phone(phone: str) -> None:
    if not MOBILE_RE.match(phone or ""):
        raise WorkflowError(_("请输入11位手机号码。"), status=400)


@transaction.atomic
def otp_request(*, phone: str) -> None:
    _check_phone(phone)
    now = clock.now()
    recent = OneTimeCode.objects.select_for_update().filter(
        phone=phone, created_at__gte=now - timedelta(hours=1)
    )
    if recent.filter(created_at__gte=now - RESEND_AFTER).exists():
        raise WorkflowError(_("验证码已发送，请一分钟后再试。"), status=429)
    if recent.count() >= MAX_PER_HOUR:
        raise WorkflowError(_("获取验证码过于频繁，请一小时后再试。"), status=429)
    code = f"{secrets.randbelow(1_000_000):06d}"
    OneTimeCode.objects.create(phone=phone, code_hash=_hash(phone, code))
    message = _("您的登录验证码是 %(code)s，5分钟内有效。请勿告诉他人。") % {"code": code}
    transaction.on_commit(lambda: get_sender().send(phone, message))


def otp_verify(*, phone: str, code: str) -> User:
    """The user with this phone (created, with no roles, on first sign-in)."""
    _check_phone(phone)
    with transaction.atomic():  # the failed attempt must be counted, so raise after commit
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(phone=phone, used_at__isnull=True, created_at__gte=clock.now() - CODE_TTL)
            .first()
        )
        if otp is None or otp.attempts >= MAX_ATTEMPTS:
            error = _("验证码已失效，请重新获取。")
        elif not hmac.compare_digest(otp.code_hash, _hash(phone, (code or "").strip())):
            OneTimeCode.objects.filter(pk=otp.pk).update(attempts=otp.attempts + 1)
            error = _("验证码不正确。")
        else:
            error = None
            otp.used_at = clock.now()
            otp.save(update_fields=["used_at"])
            user, created = User.objects.get_or_create(
                phone=phone, defaults={"username": f"m{phone}", "name": ""}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
    if error:
        raise WorkflowError(error, status=400)
    return user

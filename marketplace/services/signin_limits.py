"""Limits on password sign-in: after LOCK_AFTER wrong passwords for one login name, or
PER_IP from one address, within WINDOW, password sign-in waits (429); sign-in by phone
code (with its own limits) still works. A successful sign-in clears the name's count."""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from .. import clock
from ..models import FailedSignIn
from ..workflow import WorkflowError

WINDOW = timedelta(minutes=15)
LOCK_AFTER = 5
PER_IP = 30
KEEP = timedelta(days=1)


def client_ip(request) -> str | None:
    """The address the request came from: settings.CLIENT_IP_HEADER (REMOTE_ADDR, or the
    header the reverse proxy sets), None when absent or not an IP address."""
    if request is None:
        return None
    value = (request.META.get(settings.CLIENT_IP_HEADER) or "").strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _norm(login: str) -> str:
    return (login or "").strip().lower()[:150]


def refuse_if_limited(login: str, ip: str | None) -> None:
    """WorkflowError 429 when the login name or the address has failed too often."""
    recent = FailedSignIn.objects.filter(at__gte=clock.now() - WINDOW)
    if recent.filter(login=_norm(login)).count() >= LOCK_AFTER or (
        ip and recent.filter(ip=ip).count() >= PER_IP
    ):
        raise WorkflowError(
            _("密码错误次数过多，请 15 分钟后再试，或使用手机验证码登录。"), status=429
        )


def record_failure(login: str, ip: str | None) -> None:
    if _norm(login):
        FailedSignIn.objects.create(login=_norm(login), ip=ip)


def clear(user) -> None:
    """A successful sign-in: the user's earlier failures no longer count."""
    names = {_norm(user.username), _norm(getattr(user, "phone", "") or "")} - {""}
    FailedSignIn.objects.filter(login__in=names).delete()


def purge() -> int:
    """Remove records older than KEEP (a scheduled step); returns how many."""
    deleted, _counts = FailedSignIn.objects.filter(at__lt=clock.now() - KEEP).delete()
    return deleted

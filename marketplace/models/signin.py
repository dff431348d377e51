from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import clock


class FailedSignIn(models.Model):
    """A wrong password for a login name (user name or phone), kept for the sign-in limit
    (services/signin_limits.py) and removed after a day."""

    login = models.CharField(_("登录名"), max_length=150, db_index=True)
    ip = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("时间"), default=clock.now, db_index=True)

    class Meta:
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")
        ordering = ["-at"]

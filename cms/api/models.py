import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace import clock

TOKEN_BYTES = 32


class ImportSource(models.TextChoices):
    HOTLINE = "hotline_12345", _("12345 政务服务便民热线")
    PORTAL = "one_network", _("一网通办")
    OTHER = "other", _("其他系统")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """接口令牌: lets one integration create needs in one place subtree (kept hashed)."""

    name = models.CharField(_("名称"), max_length=100)
    token_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("令牌前缀"), max_length=8, editable=False)
    place = models.ForeignKey(
        "marketplace.Place",
        models.PROTECT,
        related_name="+",
        verbose_name=_("授权范围"),
        help_text=_("只能在该地区及其下级地区提交需求。"),
    )
    source = models.CharField(_("来源系统"), max_length=20, choices=ImportSource.choices)
    # Imported needs are filed under this account (one per token), never under a resident.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("提交账号")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("创建人")
    )
    created_at = models.DateTimeField(_("创建时间"), default=clock.now)
    last_used = models.DateTimeField(_("最近使用"), null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name}（{self.prefix}…）"

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(TOKEN_BYTES)

    def set_secret(self, raw: str) -> None:
        self.token_hash = hash_token(raw)
        self.prefix = raw[:8]


class ImportedNeed(models.Model):
    """A need that came from another system, by its id there (one need per external id)."""

    source = models.CharField(_("来源系统"), max_length=20, choices=ImportSource.choices)
    external_id = models.CharField(_("外部编号"), max_length=64)
    need = models.OneToOneField("needs.Need", models.PROTECT, related_name="+")
    token = models.ForeignKey(ApiToken, models.PROTECT, related_name="imports")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("导入的需求")
        verbose_name_plural = _("导入的需求")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="one_need_per_external_id"
            )
        ]

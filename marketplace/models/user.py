from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..masking import mask_phone
from ..validators import validate_mobile


class Role(models.TextChoices):
    RESIDENT = "resident", _("居民")
    COMMUNITY_STAFF = "community_staff", _("社区工作者")
    PURCHASER = "purchaser", _("购买主体")
    ORG_ADMIN = "org_admin", _("社会组织管理员")
    ORG_MEMBER = "org_member", _("社会组织成员")
    SOCIAL_WORKER = "social_worker", _("社工")
    EVALUATOR = "evaluator", _("评审/评估专家")
    EDITOR = "editor", _("编辑")
    REVIEWER = "reviewer", _("审核发布")


ORGANISATION_ROLES = {Role.ORG_ADMIN, Role.ORG_MEMBER, Role.SOCIAL_WORKER}
PLACE_ROLES = {Role.RESIDENT, Role.COMMUNITY_STAFF, Role.PURCHASER}


class User(AbstractUser):
    """A person; what they may do comes from their role assignments."""

    name = models.CharField(_("姓名"), max_length=50, blank=True)
    # NULL when absent so that uniqueness only binds numbers that are present.
    phone = models.CharField(
        _("手机号"), max_length=11, null=True, blank=True, unique=True, validators=[validate_mobile]
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or self.username

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def save(self, *args, **kwargs):
        self.phone = self.phone or None
        super().save(*args, **kwargs)


class RoleAssignment(models.Model):
    """A role held by a user, scoped to a place (and everything below it) or an organisation."""

    user = models.ForeignKey(User, models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    place = models.ForeignKey(
        "marketplace.Place", models.PROTECT, null=True, blank=True, verbose_name=_("范围（地区）")
    )
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("范围（社会组织）"),
        related_name="role_assignments",
    )
    title = models.CharField(_("职务/单位"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "place", "organisation"], name="unique_role_scope"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(ORGANISATION_ROLES)) | Q(organisation__isnull=False),
                name="organisation_role_has_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(PLACE_ROLES)) | Q(place__isnull=False),
                name="place_role_has_place",
            ),
        ]

    def __str__(self):
        scope = self.organisation or self.place or _("全省")
        return f"{self.get_role_display()} · {scope}"

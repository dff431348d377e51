from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock
from marketplace.masking import mask_id_number, mask_phone
from marketplace.validators import validate_mobile
from marketplace.workflow import WorkflowModel, condition

from ..validators import validate_id_number


class VolunteerState(models.TextChoices):
    UNVERIFIED = "unverified", _("待核实")
    VERIFIED = "verified", _("已核实")
    REJECTED = "rejected", _("未通过核实")


def _verifies(volunteer, user) -> bool:
    from ..rules import serves_staff_communities

    return serves_staff_communities(volunteer, user)


def _is_the_volunteer(volunteer, user) -> bool:
    from ..rules import is_the_volunteer

    return is_the_volunteer(volunteer, user)


@condition(_("该志愿者没有填写服务社区，不能核实。"))
def _serves_a_community(volunteer) -> bool:
    return volunteer.communities.exists()


@condition(_("只有本人登记的志愿者需要社区核实。"))
def _self_registered(volunteer) -> bool:
    return volunteer.organisation_id is None


class Volunteer(WorkflowModel):
    """志愿者: registered by a social organisation (verified) or by the person (unverified until
    community staff verify it); phone and ID number are kept masked."""

    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=11, validators=[validate_mobile])
    id_number = models.CharField(
        _("居民身份证号码"), max_length=18, unique=True, validators=[validate_id_number]
    )
    # Generated after insert from the row id: ZY + year + 8 digits.
    number = models.CharField(_("志愿者编号"), max_length=20, unique=True, null=True, blank=True)
    skills = models.CharField(_("技能特长"), max_length=200, blank=True)
    communities = models.ManyToManyField(
        "marketplace.Place", related_name="volunteers", verbose_name=_("服务社区")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer",
        verbose_name=_("关联账号"),
    )
    # None when the person registered themselves (志愿者本人登记).
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteers",
        verbose_name=_("登记组织"),
    )
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("登记时间"), default=clock.now)
    state = FSMField(
        _("状态"),
        default=VolunteerState.VERIFIED,
        choices=VolunteerState.choices,
        protected=True,
        db_index=True,
    )
    verified_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    # Set by `reject` (the reason shown to the person), cleared when they resubmit.
    rejection_reason = models.TextField(_("不通过核实的理由"), blank=True)

    class Meta:
        verbose_name = _("志愿者")
        verbose_name_plural = _("志愿者")
        ordering = ["-registered_at", "-pk"]

    def __str__(self):
        return f"{self.name}（{self.number}）"

    @transition(
        field=state,
        source=VolunteerState.UNVERIFIED,
        target=VolunteerState.VERIFIED,
        permission=_verifies,
        conditions=[_serves_a_community],
    )
    def verify(self, *, by, reason=""):
        self.verified_at = clock.now()

    @transition(
        field=state,
        source=VolunteerState.UNVERIFIED,
        target=VolunteerState.REJECTED,
        permission=_verifies,
        conditions=[_self_registered],
    )
    def reject(self, *, by, reason=""):
        """The reason is required (the service refuses an empty one) and shown to the person."""
        self.rejection_reason = reason

    @transition(
        field=state,
        source=VolunteerState.REJECTED,
        target=VolunteerState.UNVERIFIED,
        permission=_is_the_volunteer,
        conditions=[_serves_a_community],
    )
    def resubmit(self, *, by, reason=""):
        """The person corrected the registration and submits it again for verification."""
        self.rejection_reason = ""

    @property
    def is_rejected(self) -> bool:
        return self.state == VolunteerState.REJECTED

    @property
    def is_verified(self) -> bool:
        return self.state == VolunteerState.VERIFIED

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)


class VolunteerChange(models.Model):
    """A correction of a volunteer's record (not a state change, so not a TransitionRecord):
    who, when, and each changed field's old and new value."""

    volunteer = models.ForeignKey(
        Volunteer, models.PROTECT, related_name="changes", verbose_name=_("志愿者")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("修改人")
    )
    at = models.DateTimeField(_("修改时间"), default=clock.now)
    # {"field": [old, new]}; communities as lists of names.
    changes = models.JSONField(_("修改内容"))

    class Meta:
        verbose_name = _("志愿者信息更正记录")
        verbose_name_plural = _("志愿者信息更正记录")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.volunteer_id} {self.at:%Y-%m-%d %H:%M}"


class VolunteerService(models.Model):
    """志愿服务记录: a volunteer's hours at one logged activity, recorded by the organisation
    that ran it (never by the volunteer). A volunteer's times never overlap."""

    volunteer = models.ForeignKey(
        Volunteer, models.PROTECT, related_name="services", verbose_name=_("志愿者")
    )
    log = models.ForeignKey(
        "evaluations.DeliveryLog",
        models.PROTECT,
        related_name="volunteer_services",
        verbose_name=_("活动（执行日志）"),
    )
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("组织活动的单位"),
    )
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"))
    hours = models.DecimalField(_("服务时长（小时）"), max_digits=5, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), default=clock.now)

    class Meta:
        verbose_name = _("志愿服务记录")
        verbose_name_plural = _("志愿服务记录")
        ordering = ["started_at", "pk"]
        indexes = [models.Index(fields=["volunteer", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__gt=models.F("started_at")),
                name="volunteer_service_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.volunteer.name} {self.started_at:%Y-%m-%d} {self.hours}h"


def hours_between(start, end) -> Decimal:
    """Whole minutes between two datetimes, as hours to two decimals."""
    minutes = int((end - start).total_seconds() // 60)
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


class VolunteerCertificate(models.Model):
    """志愿服务证明 (民政部令第67号): issued and numbered by the organisation, verifiable."""

    volunteer = models.ForeignKey(
        Volunteer, models.PROTECT, related_name="certificates", verbose_name=_("志愿者")
    )
    organisation = models.ForeignKey(
        "marketplace.Organisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("出具组织"),
    )
    number = models.CharField(_("证明编号"), max_length=30, unique=True, null=True, blank=True)
    code = models.CharField(_("验证码"), max_length=16, unique=True)
    services = models.ManyToManyField(VolunteerService, related_name="certificates")
    total_hours = models.DecimalField(_("累计时长（小时）"), max_digits=8, decimal_places=2)
    responsible_person = models.CharField(_("负责人"), max_length=50)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("出具时间"), default=clock.now)

    class Meta:
        verbose_name = _("志愿服务证明")
        verbose_name_plural = _("志愿服务证明")
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return self.number or self.code

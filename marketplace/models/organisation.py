import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import validate_credit_code


class OrganisationType(models.TextChoices):
    SOCIAL_GROUP = "social_group", _("社会团体")
    SOCIAL_SERVICE = "social_service", _("社会服务机构")
    FOUNDATION = "foundation", _("基金会")


class OrganisationRating(models.TextChoices):
    NONE = "", _("未评估")
    A1 = "1A", "1A"
    A2 = "2A", "2A"
    A3 = "3A", "3A"
    A4 = "4A", "4A"
    A5 = "5A", "5A"


class AnnualReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已报送")
    PASSED = "passed", _("年检合格")
    MISSING = "missing", _("未报送")


def person_key(id_number: str) -> str:
    """A normalised key of a person's ID number: only its SHA-256 is kept, never the number."""
    normalised = "".join(id_number.split()).upper()
    if not normalised:
        return ""
    return hashlib.sha256(f"person:{normalised}".encode()).hexdigest()


class Organisation(models.Model):
    """社会组织: a registered social organisation (members hold roles scoped to it)."""

    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    type = models.CharField(_("类型"), max_length=20, choices=OrganisationType.choices)
    registration_authority = models.CharField(_("登记管理机关"), max_length=100)
    registered_on = models.DateField(_("成立登记日期"))
    rating = models.CharField(
        _("等级评估"), max_length=2, choices=OrganisationRating.choices, blank=True
    )
    annual_report = models.CharField(
        _("年报"),
        max_length=10,
        choices=AnnualReportStatus.choices,
        default=AnnualReportStatus.SUBMITTED,
    )
    bad_credit = models.BooleanField(_("列入失信名单"), default=False)
    place = models.ForeignKey(
        "marketplace.Place", models.PROTECT, verbose_name=_("所在地"), related_name="+"
    )
    is_evaluation_agency = models.BooleanField(_("第三方评估机构"), default=False)
    description = models.TextField(_("简介"), blank=True)
    # Who is in charge and who controls it: two organisations with the same person in charge,
    # or one controlling the other, may not bid on the same tender (实施条例 §18).
    legal_representative = models.CharField(_("法定代表人/负责人"), max_length=50, blank=True)
    legal_representative_key = models.CharField(
        _("负责人身份标识"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("由负责人身份证号计算的 SHA-256，不保存证件号本身。"),
    )
    controlled_by = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="controls",
        verbose_name=_("控股或管理单位"),
    )

    class Meta:
        verbose_name = _("社会组织")
        verbose_name_plural = _("社会组织")
        ordering = ["name"]

    def __str__(self):
        return self.name

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock, rules
from marketplace.models.document import private_storage
from marketplace.workflow import WorkflowModel, condition


def private_files():
    """Callable storage: migrations then name this function, not a machine's path."""
    return private_storage()


class BidState(models.TextChoices):
    SUBMITTED = "submitted", _("已递交")
    REPLACED = "replaced", _("已被替换")
    WITHDRAWN = "withdrawn", _("已撤回")
    VALID = "valid", _("有效")
    INVALID = "invalid", _("无效")


B = BidState
# Bids that took part in the opening (published with their digests).
OPENED_STATES = [B.VALID, B.INVALID]


def of_bidder(bid, user) -> bool:
    return rules.is_member_of(user, bid.organisation)


def nobody(bid, user) -> bool:
    return False


@condition(_("投标截止时间已过，不能再修改或撤回投标。"))
def before_deadline(bid):
    return clock.now() < bid.tender.deadline


class Bid(WorkflowModel):
    """投标: sealed until the tender's deadline; only its own organisation sees it before."""

    tender = models.ForeignKey("tenders.Tender", models.PROTECT, related_name="bids")
    organisation = models.ForeignKey(
        "marketplace.Organisation", models.PROTECT, related_name="bids"
    )
    price = models.DecimalField(_("投标报价（元）"), max_digits=12, decimal_places=2)
    proposal = models.TextField(_("技术方案"))
    # Private storage: no URL serves it; a view checks the seal and the viewer first.
    file = models.FileField(
        _("方案附件"), storage=private_files, upload_to="bids/%Y/%m/", blank=True
    )
    file_sha256 = models.CharField(_("附件 SHA-256"), max_length=64, blank=True)
    digest = models.CharField(_("SHA-256 摘要"), max_length=64)
    replaces = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("递交时间"), default=clock.now)
    invalid_reason = models.CharField(_("无效原因"), max_length=200, blank=True)
    state = FSMField(
        _("状态"), default=BidState.SUBMITTED, choices=BidState.choices, protected=True
    )

    class Meta:
        verbose_name = _("投标")
        verbose_name_plural = _("投标")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "organisation"],
                condition=models.Q(state__in=["submitted", "valid", "invalid"]),
                name="one_live_bid_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.tender_id}-{self.pk}"

    @property
    def receipt_no(self) -> str:
        return f"T{self.tender_id:05d}-B{self.pk:06d}"

    @transition(
        field="state",
        source=B.SUBMITTED,
        target=B.REPLACED,
        permission=of_bidder,
        conditions=[before_deadline],
    )
    def replace(self, *, by, reason=""):
        pass

    @transition(
        field="state",
        source=B.SUBMITTED,
        target=B.WITHDRAWN,
        permission=of_bidder,
        conditions=[before_deadline],
    )
    def withdraw(self, *, by, reason=""):
        pass

    @transition(field="state", source=B.SUBMITTED, target=B.VALID, permission=nobody)
    def validate(self, *, by, reason=""):
        pass

    @transition(field="state", source=B.SUBMITTED, target=B.INVALID, permission=nobody)
    def invalidate(self, *, by, reason):
        self.invalid_reason = reason[:200]

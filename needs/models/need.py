from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock
from marketplace.masking import mask_name, mask_phone
from marketplace.models.document import private_storage
from marketplace.validators import validate_mobile
from marketplace.workflow import WorkflowModel, condition

from .. import rules
from .consultation import Decision


class Category(models.TextChoices):
    ELDERLY = "elderly", _("养老服务")
    DISABILITY = "disability", _("助残服务")
    CHILDREN = "children", _("儿童与未成年人")
    LEFT_BEHIND = "left_behind", _("三留守关爱")
    EMPLOYMENT = "employment", _("就业帮扶")
    HEALTH = "health", _("健康服务")
    CULTURE = "culture", _("文化体育")
    LEGAL = "legal", _("法律援助")
    SAFETY = "safety", _("平安建设")
    CONVENIENCE = "convenience", _("便民服务")
    RURAL = "rural", _("农村生产")
    OTHER = "other", _("其他")


class NeedState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已公开")
    REJECTED = "rejected", _("未通过")
    MERGED = "merged", _("已合并")
    WITHDRAWN = "withdrawn", _("已撤回")
    ADOPTED = "adopted", _("已纳入项目")
    FULFILLED = "fulfilled", _("已解决")
    OUT_OF_SCOPE = "out_of_scope", _("不属于服务范围")


S = NeedState
# States anyone may see (a merged need points to the one it joined).
PUBLIC_STATES = [S.PUBLISHED, S.ADOPTED, S.FULFILLED, S.MERGED]


@condition(_("该需求尚无协商会议“推进”的决定，不能纳入项目。"))
def has_go_forward(need):
    latest = need.decisions.order_by("-consultation__date", "-pk").first()
    return latest is not None and latest.decision == Decision.GO_FORWARD


class Need(WorkflowModel):
    """需求: what residents ask their community for."""

    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    community = models.ForeignKey(
        "marketplace.Place",
        models.PROTECT,
        related_name="needs",
        verbose_name=_("社区/村"),
        limit_choices_to={"level": 5},
    )
    title = models.CharField(_("标题"), max_length=100)
    description = models.TextField(_("具体描述"))
    people_count = models.PositiveIntegerField(_("涉及人数"), default=1)
    contact_phone = models.CharField(
        _("联系电话"),
        max_length=11,
        blank=True,
        validators=[validate_mobile],
        help_text=_("选填，仅社区工作者可见，不会公开。"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="needs", verbose_name=_("提出人")
    )
    project = models.ForeignKey(
        "marketplace.Project",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("纳入项目"),
    )
    merged_into = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("合并至"),
    )
    endorsement_count = models.PositiveIntegerField(_("附议数"), default=0, db_index=True)
    state = FSMField(
        _("状态"), default=S.SUBMITTED, choices=S.choices, protected=True, db_index=True
    )
    created_at = models.DateTimeField(_("提出时间"), default=clock.now, db_index=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("居民需求")
        verbose_name_plural = _("居民需求")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "-created_at"])]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def author_masked(self) -> str:
        return mask_name(self.author.display_name)

    @property
    def masked_contact(self) -> str:
        return mask_phone(self.contact_phone)

    @transition(field=state, source=S.SUBMITTED, target=S.PUBLISHED, permission=rules.can_review)
    def publish(self, *, by, reason=""):
        self.published_at = clock.now()

    @transition(field=state, source=S.SUBMITTED, target=S.REJECTED, permission=rules.can_review)
    def reject(self, *, by, reason):
        pass

    @transition(
        field=state,
        source=[S.SUBMITTED, S.PUBLISHED],
        target=S.OUT_OF_SCOPE,
        permission=rules.can_review,
    )
    def out_of_scope(self, *, by, reason):
        """Not something the community's service projects can answer (referred elsewhere)."""

    @transition(
        field=state,
        source=[S.SUBMITTED, S.PUBLISHED],
        target=S.MERGED,
        permission=rules.can_review,
    )
    def merge(self, *, by, reason="", into):
        self.merged_into = into

    @transition(
        field=state,
        source=[S.SUBMITTED, S.PUBLISHED],
        target=S.WITHDRAWN,
        permission=rules.is_author,
    )
    def withdraw(self, *, by, reason=""):
        pass

    @transition(
        field=state,
        source=S.PUBLISHED,
        target=S.ADOPTED,
        permission=rules.can_review,
        conditions=[has_go_forward],
    )
    def adopt(self, *, by, reason="", project):
        self.project = project

    @transition(field=state, source=S.ADOPTED, target=S.PUBLISHED, permission=rules.can_review)
    def release(self, *, by, reason=""):
        """Unlinked from a design still being written (or its project ended): open again."""
        self.project = None

    @transition(field=state, source=S.ADOPTED, target=S.FULFILLED, permission=rules.decides_project)
    def fulfil(self, *, by, reason=""):
        pass


class Endorsement(models.Model):
    """附议: one resident supports a published need, once."""

    need = models.ForeignKey(Need, models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("附议")
        verbose_name_plural = _("附议")
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="one_endorsement_per_user")
        ]


class Follow(models.Model):
    """关注: a user is told what becomes of a need."""

    need = models.ForeignKey(Need, models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("关注")
        verbose_name_plural = _("关注")
        constraints = [models.UniqueConstraint(fields=["need", "user"], name="one_follow_per_user")]


def photo_storage():
    """Callable, so that migrations name it instead of freezing a machine's path."""
    return private_storage()


class NeedPhoto(models.Model):
    """A photo of a need (re-encoded without EXIF, so no location leaves with it)."""

    need = models.ForeignKey(Need, models.CASCADE, related_name="photos")
    # Private: served by a view that checks the need may be seen.
    image = models.ImageField(_("照片"), storage=photo_storage, upload_to="needs/%Y/%m/")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("需求照片")
        verbose_name_plural = _("需求照片")
        ordering = ["pk"]

"""Questions from organisations (答疑) and the purchaser's clarifications or changes (澄清/修改)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from marketplace import clock, rules
from marketplace.workflow import WorkflowModel, condition


def can_decide(obj, user) -> bool:
    return rules.can_decide(obj.tender.project, user)


class QuestionState(models.TextChoices):
    ASKED = "asked", _("待答复")
    ANSWERED = "answered", _("已答复")


@condition(_("请填写答复内容。"))
def has_answer(question):
    return bool(question.answer.strip())


class Question(WorkflowModel):
    """答疑: a question on a published tender; the answer is published to all, the asker to none.

    The asking organisation is kept only to tell it that the answer is out: no page, notice,
    admin or export shows it (before opening it would reveal a likely bidder).
    """

    tender = models.ForeignKey("tenders.Tender", models.CASCADE, related_name="questions")
    organisation = models.ForeignKey(
        "marketplace.Organisation", models.PROTECT, related_name="+", editable=False
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", editable=False
    )
    asked_at = models.DateTimeField(_("提问时间"), default=clock.now)
    text = models.TextField(_("问题"))
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    state = FSMField(
        _("状态"), default=QuestionState.ASKED, choices=QuestionState.choices, protected=True
    )

    class Meta:
        verbose_name = _("答疑")
        verbose_name_plural = _("答疑")
        ordering = ["asked_at", "pk"]

    def __str__(self):
        return f"Q{self.pk}"

    @transition(
        field="state",
        source=QuestionState.ASKED,
        target=QuestionState.ANSWERED,
        permission=can_decide,
        conditions=[has_answer],
    )
    def reply(self, *, by, reason=""):
        self.answered_at = clock.now()


class ClarificationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class Clarification(WorkflowModel):
    """澄清或修改: published by the purchaser; one that can affect bids may move the deadline."""

    tender = models.ForeignKey("tenders.Tender", models.CASCADE, related_name="clarifications")
    text = models.TextField(_("澄清或修改内容"))
    affects_bids = models.BooleanField(_("可能影响投标文件编制"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    previous_deadline = models.DateTimeField(_("原投标截止时间"), null=True, blank=True)
    new_deadline = models.DateTimeField(_("顺延后的投标截止时间"), null=True, blank=True)
    state = FSMField(
        _("状态"),
        default=ClarificationState.DRAFT,
        choices=ClarificationState.choices,
        protected=True,
    )

    class Meta:
        verbose_name = _("澄清公告")
        verbose_name_plural = _("澄清公告")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.tender_id}-C{self.pk}"

    @property
    def deadline_moved(self) -> bool:
        return self.new_deadline is not None

    @transition(
        field="state",
        source=ClarificationState.DRAFT,
        target=ClarificationState.PUBLISHED,
        permission=can_decide,
    )
    def publish(self, *, by, reason="", new_deadline=None):
        self.published_at = clock.now()
        self.previous_deadline = self.tender.deadline
        self.new_deadline = new_deadline

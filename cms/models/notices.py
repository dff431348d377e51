from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from marketplace import clock

from ..blocks import ContentBlock
from .searchable import SearchTextMixin


class NoticeKind(models.TextChoices):
    TENDER = "tender", _("采购公告")
    CLARIFICATION = "clarification", _("澄清公告")
    BID_OPENING = "bid_opening", _("开标记录")
    FAILED = "failed", _("流标公告")
    AWARD_PROPOSAL = "award_proposal", _("中标候选人公示")
    AWARD = "award", _("中标公告")
    CONTRACT = "contract", _("合同公告")
    EVALUATION = "evaluation", _("评估结果")


class NoticeIndexPage(Page):
    """公告: every notice, filtered by kind, place and date."""

    intro = StreamField(ContentBlock(), blank=True, verbose_name=_("导语"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NoticePage"]
    max_count = 1
    per_page = 20

    class Meta:
        verbose_name = _("公告栏目")
        verbose_name_plural = _("公告栏目")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import notice_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(notice_list_context(self, request.GET))
        return context

    def serve(self, request, *args, **kwargs):
        """Filters it cannot apply answer 400 (the form shows the errors, no list)."""
        response = super().serve(request, *args, **kwargs)
        form = response.context_data.get("form")
        if form is not None and form.errors:
            response.status_code = 400
        return response


class NoticePage(SearchTextMixin, Page):
    """公告: created by the workflow step that requires it, one per (kind, object, round).

    The legal facts (dates, amounts, parties, method, ceiling, deadline, place) are read
    from the linked object when the page is shown, except an award round's winner, price
    and publicity end, copied from the object when the notice is made; the page stores none
    of them as an editable field. Editors add text and attachments only.
    """

    kind = models.CharField(
        _("公告类型"), max_length=20, choices=NoticeKind.choices, editable=False
    )
    subject_type = models.ForeignKey(ContentType, models.PROTECT, editable=False, related_name="+")
    subject_id = models.PositiveBigIntegerField(editable=False)
    subject = GenericForeignKey("subject_type", "subject_id")
    # When the step happened and where: copied once for filtering, never editable.
    step_at = models.DateTimeField(_("发生时间"), default=clock.now, editable=False, db_index=True)
    place = models.ForeignKey(
        "marketplace.Place",
        models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("地区"),
    )
    # An award proposal or award notice belongs to one award round (a reopened award makes
    # a new round and a new notice); its award facts are frozen at creation, for the page
    # of a withdrawn round still names the winner it proposed. None of these is editable.
    round = models.PositiveSmallIntegerField(_("轮次"), default=1, editable=False)
    award_winner = models.CharField(
        _("中标（候选）人"), max_length=200, blank=True, default="", editable=False
    )
    award_price = models.DecimalField(
        _("中标（候选）人报价"), max_digits=12, decimal_places=2, null=True, editable=False
    )
    award_publicity_ends_at = models.DateTimeField(_("公示期截止"), null=True, editable=False)
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("补充说明与附件"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["cms.NoticeIndexPage"]
    subpage_types: list[str] = []

    def extra_search_text(self) -> str:
        place = self.place.path_name if self.place_id and self.place else ""
        return f"{self.get_kind_display()} {place}"

    # Only the workflow creates notices; editors add text to them.
    is_creatable = False

    class Meta:
        verbose_name = _("公告")
        verbose_name_plural = _("公告")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "round"],
                name="one_notice_per_step",
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def get_context(self, request, *args, **kwargs):
        from ..facts import facts_for

        context = super().get_context(request, *args, **kwargs)
        context["facts"] = facts_for(self.kind, self.subject, notice=self)
        return context

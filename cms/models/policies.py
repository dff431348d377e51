from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import AttachmentBlock, ContentBlock
from .searchable import SearchTextMixin


class PolicyIndexPage(Page):
    """政策文件: the list of policy documents, newest first."""

    intro = StreamField(ContentBlock(), blank=True, verbose_name=_("导语"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PolicyPage"]
    max_count = 1
    per_page = 20

    class Meta:
        verbose_name = _("政策文件栏目")
        verbose_name_plural = _("政策文件栏目")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        policies = PolicyPage.objects.child_of(self).live().public().order_by("-issued_on", "-pk")
        context["policies"] = Paginator(policies, self.per_page).get_page(request.GET.get("page"))
        return context


class PolicyPage(SearchTextMixin, Page):
    """政策文件: a policy document with its issuing body, number (文号), date and attachments."""

    issuer = models.CharField(_("发文机关"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    issued_on = models.DateField(_("成文日期"))
    body = StreamField(ContentBlock(), blank=True, verbose_name=_("正文"))
    attachments = StreamField(
        [("attachment", AttachmentBlock())], blank=True, verbose_name=_("附件")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("document_number"), FieldPanel("issued_on")]),
            ],
            heading=_("发文信息"),
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("issuer"),
        index.SearchField("document_number"),
        index.SearchField("body"),
    ]
    search_text_fields = ("body", "attachments")
    parent_page_types = ["cms.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def extra_search_text(self) -> str:
        return f"{self.issuer} {self.document_number}"

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from marketplace.models.project import ProjectState

from ..blocks import ContentBlock
from .searchable import SearchTextMixin


class CaseIndexPage(Page):
    """优秀案例: the list of model cases (典型示范、以点带面)."""

    intro = StreamField(ContentBlock(), blank=True, verbose_name=_("导语"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CasePage"]
    max_count = 1
    per_page = 12

    class Meta:
        verbose_name = _("优秀案例栏目")
        verbose_name_plural = _("优秀案例栏目")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import case_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_list_context(self, request.GET))
        return context


class CasePage(SearchTextMixin, Page):
    """优秀案例: an editor's story of a completed project; its figures are read live from it."""

    project = models.ForeignKey(
        "marketplace.Project",
        models.PROTECT,
        related_name="+",
        verbose_name=_("项目"),
        limit_choices_to={"state": ProjectState.COMPLETED},
        help_text=_("只能选择已完成的项目；服务时长、受益人数、满意度等数字自动取自项目。"),
    )
    summary = models.TextField(_("摘要"), max_length=300, blank=True)
    body = StreamField(ContentBlock(), verbose_name=_("正文"))

    content_panels = Page.content_panels + [
        FieldPanel("project"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    search_text_fields = ("body",)
    parent_page_types = ["cms.CaseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("优秀案例")
        verbose_name_plural = _("优秀案例")

    def extra_search_text(self) -> str:
        return self.summary

    def clean(self):
        super().clean()
        project = getattr(self, "project", None) if self.project_id else None
        if project is not None and project.state != ProjectState.COMPLETED:
            raise ValidationError(
                {
                    "project": _("优秀案例只能介绍已完成的项目（该项目当前为“%(state)s”）。")
                    % {"state": project.get_state_display()}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from ..figures import project_figures

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = project_figures(self.project)
        return context

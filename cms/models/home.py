from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import ContentBlock


class HomePage(Page):
    """首页: latest notices, open tenders, completed projects, live headline figures."""

    intro = StreamField(ContentBlock(), blank=True, verbose_name=_("导语"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.NoticeIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context())
        from .notices import NoticeIndexPage

        index = NoticeIndexPage.objects.child_of(self).live().first()
        context["notice_index_url"] = index.get_url(request) if index else None
        return context

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
    subpage_types = ["cms.NoticeIndexPage", "cms.CaseIndexPage", "cms.PolicyIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context())
        context.update(self.section_urls(request))
        return context

    def section_urls(self, request) -> dict:
        """URLs of the notice, case and policy sections (one query for the three)."""
        from .cases import CaseIndexPage
        from .notices import NoticeIndexPage
        from .policies import PolicyIndexPage

        names = {
            NoticeIndexPage: "notice_index_url",
            CaseIndexPage: "case_index_url",
            PolicyIndexPage: "policy_index_url",
        }
        from django.contrib.contenttypes.models import ContentType

        keys = {ContentType.objects.get_for_model(m).pk: key for m, key in names.items()}
        urls = dict.fromkeys(names.values())
        for child in self.get_children().live().filter(content_type_id__in=keys):
            urls[keys[child.content_type_id]] = child.get_url(request)
        return urls

"""RSS 2.0 and Atom feeds of notices: all, or those in one place (and the places below it)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from marketplace.models import Place

from .models import NoticePage

FEED_SIZE = 50


class NoticeFeed(Feed):
    description = _("采购公告、开标记录、中标公示、中标与合同公告、评估结果。")
    link = "/"

    def get_object(self, request, code=None):
        self.request = request
        return get_object_or_404(Place, code=code) if code else None

    def title(self, place):
        name = _("三社联动项目平台 · 公告")
        return f"{name} · {place.name}" if place else str(name)

    def items(self, place):
        notices = NoticePage.objects.live().public().select_related("place")
        if place is not None:
            notices = notices.filter(place__code__startswith=place.prefix)
        return notices.order_by("-step_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"【{item.get_kind_display()}】{item.title}"

    def item_description(self, item):
        place = item.place.path_name if item.place else ""
        return f"{item.get_kind_display()} · {place}"

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.step_at

    def item_updateddate(self, item):
        return item.last_published_at or item.step_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class NoticeAtomFeed(NoticeFeed):
    feed_type = Atom1Feed
    subtitle = NoticeFeed.description

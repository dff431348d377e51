from django.urls import include, path
from wagtail.contrib.sitemaps.views import sitemap

from . import feeds, views

app_name = "cms"

urlpatterns = [
    path("feeds/notices.rss", feeds.NoticeFeed(), name="notice_rss"),
    path("feeds/notices.atom", feeds.NoticeAtomFeed(), name="notice_atom"),
    path("feeds/notices/<str:code>.rss", feeds.NoticeFeed(), name="notice_rss_place"),
    path("feeds/notices/<str:code>.atom", feeds.NoticeAtomFeed(), name="notice_atom_place"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", views.search, name="search"),
    path("monitoring/", include("cms.monitoring.urls")),
]

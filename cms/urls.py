from django.urls import include, path

from . import feeds, views
from .sitemaps import sitemap

app_name = "cms"

urlpatterns = [
    path("feeds/notices.rss", feeds.NoticeFeed(), name="notice_rss"),
    path("feeds/notices.atom", feeds.NoticeAtomFeed(), name="notice_atom"),
    path("feeds/notices/<str:code>.rss", feeds.NoticeFeed(), name="notice_rss_place"),
    path("feeds/notices/<str:code>.atom", feeds.NoticeAtomFeed(), name="notice_atom_place"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", views.search, name="search"),
    path("open/projects/<int:pk>/", views.project_public, name="project_public"),
    path("places/", views.place_pick, name="place_pick"),
    path("places/<str:code>/", views.place_projects, name="place_projects"),
    path("monitoring/", include("cms.monitoring.urls")),
]

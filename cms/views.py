from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from . import selectors
from .search import highlight, search_all, snippet
from .trace import project_trace

PER_PAGE = 20
SOURCES = {
    "notice": _("公告"),
    "case": _("优秀案例"),
    "policy": _("政策文件"),
    "project": _("项目"),
}


def _urls(rows, request) -> dict:
    """URL of every row on this page of results: one query for the pages among them."""
    page_ids = [r["pk"] for r in rows if r["source"] != "project"]
    urls = {p.pk: p.get_url(request) for p in Page.objects.filter(pk__in=page_ids)}
    return {
        (r["source"], r["pk"]): reverse("cms:project_public", args=[r["pk"]])
        if r["source"] == "project"
        else urls.get(r["pk"])
        for r in rows
    }


def search(request):
    query = request.GET.get("q", "")[:100]
    page = Paginator(search_all(query), PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    urls = _urls(rows, request)
    results = [
        {
            "title": highlight(r["title"], query),
            "snippet": highlight(snippet(r["text"], query), query),
            "url": urls[(r["source"], r["pk"])],
            "kind": SOURCES[r["source"]],
        }
        for r in rows
    ]
    return render(request, "cms/search.html", {"query": query, "page": page, "results": results})


def project_public(request, pk):
    """项目全程公开: a plain Django view (not a Wagtail page): one URL per project with no page
    rows to keep in step, and the constant queries of a bare view (see FACTS.md)."""
    return render(request, "cms/project_public.html", project_trace(pk))


def place_projects(request, code):
    return render(request, "cms/place_projects.html", selectors.place_context(code, request.GET))


def place_pick(request):
    """The place picker's form (works without JavaScript): ?code=… → /places/<code>/."""
    code = request.GET.get("code", "").strip()
    if code.isdigit() and len(code) == 12:
        return redirect("cms:place_projects", code=code)
    return redirect("cms:place_projects", code=selectors.province_code())

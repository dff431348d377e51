from django.core.paginator import Paginator
from django.shortcuts import render

from .search import highlight, search_pages

PER_PAGE = 20


def search(request):
    query = request.GET.get("q", "")[:100]
    page = Paginator(search_pages(query), PER_PAGE).get_page(request.GET.get("page"))
    results = [
        {
            "title": highlight(p.title, query),
            "description": highlight(p.search_description, query),
            "url": p.get_url(request),
            "kind": p.content_type.model_class()._meta.verbose_name
            if p.content_type.model_class()
            else "",
        }
        for p in page.object_list
    ]
    return render(request, "cms/search.html", {"query": query, "page": page, "results": results})

"""Page/page_size pagination with caps, count and next/previous links."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from .declarations import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, BadParameter


def page_params(query) -> tuple[int, int]:
    try:
        page = int(query.get("page", 1))
        size = int(query.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        raise BadParameter(_("page 和 page_size 应为正整数。")) from None
    if page < 1 or size < 1:
        raise BadParameter(_("page 和 page_size 应为正整数。"))
    return page, min(size, MAX_PAGE_SIZE)


def _link(request, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")


def paginate(request, queryset) -> dict:
    """{"count", "next", "previous", "results"(objects)}: a COUNT and one page query."""
    page, size = page_params(request.GET)
    count = queryset.count()
    start = (page - 1) * size
    rows = list(queryset[start : start + size]) if start < count else []
    return {
        "count": count,
        "next": _link(request, page + 1) if start + size < count else None,
        "previous": _link(request, page - 1) if page > 1 else None,
        "results": rows,
    }

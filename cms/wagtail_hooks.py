"""Wagtail hooks of the public site."""

from wagtail import hooks

from .models import NoticeIndexPage


@hooks.register("on_serve_page")
def refuse_bad_notice_filters(serve_next):
    """The notice list with filters it cannot apply answers 400 (the form shows the errors)."""

    def serve(page, request, args, kwargs):
        response = serve_next(page, request, args, kwargs)
        if isinstance(page, NoticeIndexPage) and request.GET:
            form = (getattr(response, "context_data", None) or {}).get("form")
            if form is not None and form.errors:
                response.status_code = 400
        return response

    return serve

from django.shortcuts import render

from .workflow import WorkflowError


class WorkflowErrorMiddleware:
    """A refused workflow step becomes a page with the reason and its HTTP status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, WorkflowError):
            return render(
                request,
                "marketplace/refused.html",
                {"message": exception.message},
                status=exception.status,
            )
        return None

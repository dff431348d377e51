from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .. import documents


def document_download(request, kind, pk):
    """Serve the kept PDF of `kind` for object `pk`, if the user may see it."""
    try:
        spec = documents.get_kind(kind)
    except KeyError as exc:
        raise Http404 from exc
    obj = get_object_or_404(apps.get_model(spec.model), pk=pk)
    if not spec.can_view(obj, request.user):
        raise PermissionDenied
    doc = documents.kept_or_render(obj, kind)
    if doc is None:
        return render(request, "marketplace/document_pending.html", status=202)
    response = FileResponse(
        doc.file.open("rb"), content_type="application/pdf", filename=f"{spec.title(obj)}.pdf"
    )
    response["X-Content-SHA256"] = doc.sha256
    return response

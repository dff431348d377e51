"""Downloads of staff lists as CSV (streamed) or Excel, with the page's own scope."""

from django.contrib.auth.decorators import login_required
from django.http import Http404

from .. import clock
from ..exports import base
from ..exports.writing import csv_response, xlsx_response


@login_required
def export_download(request, slug, fmt):
    export = base.get(slug)
    rows = export.rows(request.user, request.GET)  # PermissionDenied → 403
    filename = f"{export.label}-{clock.today():%Y%m%d}.{fmt}"
    cells = export.cells(rows, request.user)
    if fmt == "csv":
        return csv_response(filename, export.header(), cells)
    if fmt == "xlsx":
        return xlsx_response(filename, [(str(export.label), export.header(), cells)])
    raise Http404

"""Public monitoring pages: /monitoring/ (the province), /monitoring/<code>/ (any place)."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control

from marketplace.models import Place, PlaceLevel

from . import report


def _place(code):
    if code is None:
        place = Place.objects.filter(level=PlaceLevel.PROVINCE).order_by("code").first()
        if place is None:
            raise Http404
        return place
    return get_object_or_404(Place, code=code)


@cache_control(public=True, max_age=300)
def monitoring(request, code=None):
    return render(request, "cms/monitoring/place.html", report.build(_place(code)))


@cache_control(public=True, max_age=300)
def monitoring_csv(request, code, key):
    place = _place(code)
    table = report.table_for_csv(place, key)
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="monitoring-{place.code}-{key}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return response

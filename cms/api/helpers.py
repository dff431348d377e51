"""Shared pieces of the resource declarations: place objects, dates, amounts, filters."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .declarations import Field, Filter, parse_choice, parse_date, parse_place

PLACE_PROPS = {
    "code": ("string", _("统计用区划代码（12 位）")),
    "name": ("string", _("名称")),
    "path": ("string", _("全称")),
}


def place_object(place):
    if place is None:
        return None
    return {"code": place.code, "name": place.name, "path": place.path_name}


def iso(value):
    return value.isoformat() if value else None


def decimal_text(value):
    return str(value) if value is not None else None


def day_start(value: datetime.date, *, end=False):
    day = value + datetime.timedelta(days=1) if end else value
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def page_url(name, *args):
    return lambda obj, ctx: ctx["request"].build_absolute_uri(
        reverse(name, args=[a(obj) for a in args])
    )


def place_field(name, description, getter, nullable=False):
    return Field(
        name,
        "object",
        description,
        lambda o, c: place_object(getter(o)),
        nullable,
        properties=PLACE_PROPS,
    )


def subtree(path):
    return lambda qs, place: qs.filter(**{f"{path}__code__startswith": place.prefix})


def place_filter(path, description):
    return Filter("place", description, subtree(path), parse_place, format="12 位区划代码")


def date_filters(field_name, label):
    return [
        Filter(
            f"{label}_from",
            _("不早于该日期（含），YYYY-MM-DD"),
            lambda qs, d: qs.filter(**{f"{field_name}__gte": day_start(d)}),
            parse_date,
            format="date",
        ),
        Filter(
            f"{label}_to",
            _("不晚于该日期（含），YYYY-MM-DD"),
            lambda qs, d: qs.filter(**{f"{field_name}__lt": day_start(d, end=True)}),
            parse_date,
            format="date",
        ),
    ]


def choice_filter(name, description, choices, path=None):
    values = [str(v) for v in choices]
    return Filter(
        name,
        description,
        lambda qs, v: qs.filter(**{path or name: v}),
        parse_choice(values),
        enum=values,
    )


def label(attr):
    return lambda o, c: str(getattr(o, f"get_{attr}_display")())


def attr_field(name, type, description, nullable=False, **schema):
    """A field that is the object's attribute of the same name."""
    return Field(name, type, description, lambda o, c: getattr(o, name), nullable, **schema)


def coded_fields(name, code_description, label_description, enum, type="string"):
    """A code (with its enum) and, beside it as <name>_label, its display text."""
    return [
        attr_field(name, type, code_description, enum=list(enum)),
        Field(f"{name}_label", "string", label_description, label(name)),
    ]


def time_field(name, description, nullable=False, format="date-time"):
    """A date or date-time attribute in ISO 8601 (null when empty)."""
    return Field(name, "string", description, lambda o, c: iso(getattr(o, name)), nullable, format)


def id_field():
    return Field("id", "integer", _("编号"), lambda o, c: o.pk)


PAGE = _("网页地址")


def page_field(url_name, name="url", description=PAGE):
    """The absolute address of the object's page, reversed with its pk."""
    return Field(name, "string", description, page_url(url_name, lambda o: o.pk), format="uri")

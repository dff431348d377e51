"""Endpoint declarations: one description serves the view (filters, serialisation) and the
OpenAPI schema, so the documentation cannot drift from what the API does."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from marketplace.models import Place

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


class BadParameter(ValueError):
    """A query parameter that cannot be used (its message is shown to the caller)."""


@dataclass
class Field:
    name: str
    type: str  # JSON Schema type: string, integer, number, boolean, object, array
    description: str
    get: Callable
    nullable: bool = False
    format: str | None = None
    enum: list | None = None
    properties: dict | None = None  # for objects: {name: (type, description)}

    def schema(self) -> dict:
        schema = {"type": [self.type, "null"] if self.nullable else self.type}
        schema["description"] = str(self.description)
        if self.format:
            schema["format"] = self.format
        if self.enum:
            schema["enum"] = list(self.enum)
        if self.properties:
            schema["properties"] = {
                n: {"type": t, "description": str(d)} for n, (t, d) in self.properties.items()
            }
        if self.nullable:
            # OpenAPI 3.0 has no type lists: say nullable instead.
            schema["type"] = self.type
            schema["nullable"] = True
        return schema


@dataclass
class Filter:
    name: str
    description: str
    apply: Callable  # (queryset, parsed value) -> queryset
    parse: Callable = str
    type: str = "string"
    format: str | None = None
    enum: list | None = None

    def schema(self) -> dict:
        schema = {"type": self.type}
        if self.format:
            schema["format"] = self.format
        if self.enum:
            schema["enum"] = list(self.enum)
        return schema


@dataclass
class Resource:
    name: str  # also the path segment: /api/v1/<name>/
    summary: str
    description: str
    queryset: Callable
    fields: list[Field]
    filters: list[Filter] = field(default_factory=list)
    schema_name: str = ""
    key: str = "id"  # the path parameter of /api/v1/<name>/<key>/
    key_label: str = _("编号")
    key_type: str = "integer"
    key_pattern: str = r"[0-9]{1,18}"
    lookup: str = "pk"

    def serialise(self, obj, context) -> dict:
        return {f.name: f.get(obj, context) for f in self.fields}

    def find(self, key: str):
        """The public object with this key, or None when malformed, unknown or not public."""
        if not re.fullmatch(self.key_pattern, key):
            return None
        return self.queryset().filter(**{self.lookup: key}).first()


# Parsers shared by the filters.
def parse_place(value: str) -> Place:
    if not re.fullmatch(r"\d{12}", value):
        raise BadParameter(_("地区代码应为 12 位数字。"))
    place = Place.objects.filter(code=value).first()
    if place is None:
        raise BadParameter(_("没有这个地区代码。"))
    return place


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(_("日期格式应为 YYYY-MM-DD。")) from None


def parse_choice(choices) -> Callable:
    def parse(value: str) -> str:
        if value not in choices:
            raise BadParameter(_("取值无效，可选：%(values)s") % {"values": "、".join(choices)})
        return value

    return parse


def parse_int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BadParameter(_("应为整数。")) from None


def parse_prefix(value: str) -> str:
    if not re.fullmatch(r"\d{1,12}", value):
        raise BadParameter(_("代码前缀应为 1 到 12 位数字。"))
    return value

"""Blank template files for an importer: the headers, and (in Excel) a sheet of instructions."""

from django.utils.translation import gettext as _

from ..exports.writing import csv_bytes, xlsx_bytes
from .base import Importer


def template_csv(importer: Importer) -> bytes:
    return csv_bytes([str(c.label) for c in importer.columns])


def template_xlsx(importer: Importer) -> bytes:
    header = [str(c.label) for c in importer.columns]
    notes = [
        [str(c.label), _("必填") if c.required else _("选填"), str(c.help), str(c.example)]
        for c in importer.columns
    ]
    return xlsx_bytes(
        [
            (str(importer.label), header, []),
            (_("填写说明"), [_("列"), _("是否必填"), _("说明"), _("示例")], notes),
        ]
    )

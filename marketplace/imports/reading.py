"""Reading an uploaded table: CSV (UTF-8 with or without BOM, or GB18030/GBK as Chinese Excel
saves it) or Excel .xlsx, into numbered rows keyed by the importer's columns."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext as _

from .base import Column

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 5000


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


class FileInvalid(Exception):
    """The file as a whole cannot be read (format, encoding, headers, limits)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, values)
    ignored: list[str]  # headers that match no column


def _normal(header: str) -> str:
    return "".join(str(header or "").split()).strip("*＊").lower()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise FileInvalid(_("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。")) from None


def _csv_lines(raw: bytes):
    try:
        text = _decode(raw)
    except UnicodeDecodeError:
        raise FileInvalid(_("文件不是有效的 UTF-8 编码。")) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text, newline=""), dialect)


def _xlsx_lines(raw: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileInvalid(_("无法读取该 Excel 文件，请确认是 .xlsx 格式。")) from None
    try:
        for values in book.worksheets[0].iter_rows(values_only=True):
            yield [_cell(v) for v in values]
    finally:
        book.close()


def read_table(raw: bytes, filename: str, columns: tuple[Column, ...]) -> Table:
    if len(raw) > max_bytes():
        raise FileInvalid(
            _("文件过大（%(size).1f MB），单个文件不能超过 %(limit)d MB，请分批导入。")
            % {"size": len(raw) / 1048576, "limit": max_bytes() // 1048576}
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(raw)
    elif name.endswith((".csv", ".txt")):
        lines = _csv_lines(raw)
    else:
        raise FileInvalid(_("只支持 .csv 和 .xlsx 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）。"))
    numbered = enumerate(lines, start=1)
    header = None
    for _number, line in numbered:
        if any(_cell(h) for h in line):
            header = line
            break
    if header is None:
        raise FileInvalid(_("文件是空的。"))
    by_name = {}
    for col in columns:
        for name_ in (col.label, col.key, *col.aliases):
            by_name[_normal(str(name_))] = col.key
    positions: dict[int, str] = {}
    ignored = []
    for i, h in enumerate(header):
        key = by_name.get(_normal(h))
        if key and key not in positions.values():
            positions[i] = key
        elif _cell(h):
            ignored.append(_cell(h))
    missing = [str(c.label) for c in columns if c.required and c.key not in positions.values()]
    if missing:
        raise FileInvalid(
            _("缺少必填列：%(cols)s。请使用下载的模板填写，表头须保留在第一行。")
            % {"cols": "、".join(missing)}
        )
    rows = []
    for number, line in numbered:
        values = {key: _cell(line[i]) if i < len(line) else "" for i, key in positions.items()}
        if not any(values.values()):
            continue
        rows.append((number, values))
        if len(rows) > max_rows():
            raise FileInvalid(
                _("数据超过 %(limit)d 行，请拆分为多个文件分批导入。") % {"limit": max_rows()}
            )
    if not rows:
        raise FileInvalid(_("文件中没有数据行。"))
    return Table(rows=rows, ignored=ignored)

"""What an importer declares: its columns, who may use it, how a row is checked and saved."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the Chinese header written in templates and reports
    aliases: tuple[str, ...] = ()  # other accepted headers (English, older spellings)
    required: bool = True
    help: str = ""  # shown on the upload page and in the template's example row
    example: str = ""


class RowInvalid(Exception):
    """A row cannot be imported: {column key or "": [messages]}."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Context:
    """State shared by the rows of one file (keys seen so far, the importing user)."""

    user: Any  # None when an operator runs the management command
    row: int = 0  # the spreadsheet row being checked (for "same as row N" messages)
    seen: dict[str, Any] = field(default_factory=dict)


class Importer:
    """Subclasses set kind/label/columns and implement clean() and save()."""

    kind: str = ""
    label: str = ""
    columns: tuple[Column, ...] = ()
    description: str = ""

    def may_import(self, user) -> bool:
        raise NotImplementedError

    def clean(self, values: dict[str, str], ctx: Context) -> Any:
        """Check one row (no writes); returns what save() needs or raises RowInvalid."""
        raise NotImplementedError

    def save(self, cleaned: Any, ctx: Context) -> Any:
        raise NotImplementedError


def form_errors(form: forms.BaseForm, fields: dict[str, str] | None = None) -> RowInvalid:
    """A form's errors as a RowInvalid, with form field names mapped to column keys."""
    fields = fields or {}
    errors: dict[str, list[str]] = {}
    for name, messages in form.errors.items():
        key = "" if name == "__all__" else fields.get(name, name)
        errors.setdefault(key, []).extend(str(m) for m in messages)
    return RowInvalid(errors)


def choice_value(choices, text: str) -> str:
    """A choice's value from its value or its Chinese label ("社会服务机构" → social_service)."""
    text = (text or "").strip()
    for value, label in choices:
        if text in (str(value), str(label)):
            return str(value)
    return text


YES = {"是", "yes", "y", "true", "1", "√"}


def yes(text: str) -> bool:
    return (text or "").strip().lower() in YES


Saver = Callable[[Any, Context], Any]

"""Reading a submitted design version's snapshot, and comparing it with the one before.

Pure: plain functions over the stored snapshot (a dict, see services.projects.design_snapshot),
no queries. Older snapshots may lack keys added later (e.g. a budget line's note)."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

from .models.project import IndicatorKind, Project

TEXT_FIELDS = [
    "title",
    "background",
    "beneficiaries",
    "objectives",
    "service_content",
    "activity_plan",
    "risks",
    "no_need_reason",
]


def label(field: str):
    return Project._meta.get_field(field).verbose_name


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError):
        return Decimal("0")


def _plain(value: Decimal) -> str:
    """40.0 → 40, 2.5 → 2.5 (never 4E+1)."""
    return format(value.normalize(), "f")


def budget_rows(snapshot: dict) -> list[dict]:
    rows = []
    for line in snapshot.get("budget_lines", []):
        price, quantity = _decimal(line.get("unit_price")), _decimal(line.get("quantity"))
        amount = (price * quantity).quantize(Decimal("0.01"))
        rows.append(line | {"amount": amount, "quantity": _plain(quantity)})
    return rows


def budget_total(snapshot: dict) -> Decimal:
    return sum((r["amount"] for r in budget_rows(snapshot)), Decimal("0.00"))


def indicator_rows(snapshot: dict) -> list[dict]:
    kinds = dict(IndicatorKind.choices)
    return [
        i
        | {
            "kind_label": kinds.get(i.get("kind"), i.get("kind")),
            "target": _plain(_decimal(i.get("target"))),
        }
        for i in snapshot.get("indicators", [])
    ]


def text_sections(snapshot: dict) -> list[tuple[str, str]]:
    """(label, text) of the design's text fields that are filled in, title excluded."""
    return [(label(f), snapshot.get(f, "")) for f in TEXT_FIELDS[1:] if snapshot.get(f)]


def period(snapshot: dict) -> str:
    start, end = (list(snapshot.get("period") or []) + ["", ""])[:2]
    return f"{start if start != 'None' else '—'} — {end if end != 'None' else '—'}"


@dataclass
class Change:
    label: str
    parts: list[tuple[str, str]]  # (equal | delete | insert, text)
    rows: bool = False  # table rows, one per line (else running text)


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level differences (Chinese has no spaces to split words on)."""
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("equal", old[i1:i2]))
            continue
        if op in ("delete", "replace"):
            parts.append(("delete", old[i1:i2]))
        if op in ("insert", "replace"):
            parts.append(("insert", new[j1:j2]))
    return parts


def rows_diff(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Table rows compared line by line: kept, removed, added."""
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            parts += [("equal", row) for row in old[i1:i2]]
            continue
        parts += [("delete", row) for row in old[i1:i2]] if op != "insert" else []
        parts += [("insert", row) for row in new[j1:j2]] if op != "delete" else []
    return parts


def _indicator_lines(snapshot) -> list[str]:
    return [
        f"{i['kind_label']} · {i.get('name', '')} {i['target']}{i.get('unit', '')}"
        for i in indicator_rows(snapshot)
    ]


def _budget_lines(snapshot) -> list[str]:
    return [
        f"{r.get('item', '')} {r.get('unit_price', '')} × {r['quantity']} = {r['amount']}"
        + (f"（{r['note']}）" if r.get("note") else "")
        for r in budget_rows(snapshot)
    ]


def compare(old: dict, new: dict) -> list[Change]:
    """What changed from `old` to `new`, field by field; unchanged fields are left out."""
    changes = []
    for f in TEXT_FIELDS:
        if (old.get(f) or "") != (new.get(f) or ""):
            changes.append(Change(label(f), text_diff(old.get(f) or "", new.get(f) or "")))
    if period(old) != period(new):
        changes.append(Change(_("项目周期"), text_diff(period(old), period(new))))
    for name, lines in ((_("指标"), _indicator_lines), (_("预算明细"), _budget_lines)):
        before, after = lines(old), lines(new)
        if before != after:
            changes.append(Change(name, rows_diff(before, after), rows=True))
    if budget_total(old) != budget_total(new):
        total = _("预算合计（元）")
        changes.append(
            Change(total, [("delete", str(budget_total(old))), ("insert", str(budget_total(new)))])
        )
    return changes

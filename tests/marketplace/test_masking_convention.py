"""One rule for ID numbers: every template shows them through mask_id_number, except the
volunteer's own page for those who may see it in full."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW_ID = re.compile(r"\{\{\s*[\w.]*\bid_number\b[^}]*\}\}")
FULL_ONLY = re.compile(r"\{% if full %\}\{\{ volunteer\.id_number \}\}\{% else %\}")


def templates():
    for app in ("cms", "evaluations", "marketplace", "needs", "tenders"):
        yield from (ROOT / app).rglob("*.html")


def test_templates_show_id_numbers_masked():
    raw = []
    for path in templates():
        text = FULL_ONLY.sub("", path.read_text(encoding="utf-8"))
        raw += [f"{path.relative_to(ROOT)}: {m}" for m in RAW_ID.findall(text)]
    assert raw == []


def test_the_scan_finds_a_raw_id_number():
    assert RAW_ID.findall("<td>{{ v.id_number }}</td><td>{{ v.masked_id_number }}</td>") == [
        "{{ v.id_number }}"
    ]

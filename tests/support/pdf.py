"""Reading PDFs in tests: the text must be extractable (Chinese glyphs, not boxes)."""

import re
import shutil
import subprocess
import tempfile

import pytest


def pdf_text(data: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is missing: run scripts/setup")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", fh.name, "-"], capture_output=True, check=True
        )
    return out.stdout.decode("utf-8")


# The CJK fonts scripts/setup installs (WenQuanYi Micro Hei) or settings may name (Noto CJK),
# as pdffonts prints them once the subset tag (ABCDEF+) is dropped.
CJK_FONT_NAMES = ("WenQuanYi-Micro-Hei", "WenQuanYiMicroHei", "NotoSansCJK", "NotoSerifCJK")

_FONT_ROW = re.compile(
    r"^(?:[A-Z]{6}\+)?(?P<name>\S+)\s.*\s(?P<emb>yes|no)\s+(?:yes|no)\s+(?:yes|no)\s+\d+\s+\d+\s*$"
)


def pdf_fonts(path) -> list[tuple[str, bool]]:
    """(font name without the subset tag, embedded?) for each font pdffonts lists."""
    if not shutil.which("pdffonts"):
        pytest.fail("pdffonts (poppler-utils) is missing: run scripts/setup")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [_FONT_ROW.match(line) for line in out.stdout.splitlines()[2:]]
    return [(m["name"], m["emb"] == "yes") for m in rows if m]

"""Reading PDFs in tests: the text must be extractable (Chinese glyphs, not boxes)."""

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

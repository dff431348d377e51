"""What a response says, as text: HTML, JSON, CSV, XML, PDF (pdftotext) and xlsx (its XML)."""

import io
import json
import re
import subprocess
import zipfile

from tests.support.pdf import pdf_text


def raw(response) -> bytes:
    if getattr(response, "streaming", False):
        # The test client closes the response once its content is read, with Django's
        # close_old_connections disconnected. Closing it again would fire request_finished
        # with it connected, and in a test's transaction that closes the database connection
        # (a no-op for SQLite's in-memory database, "the connection is closed" on PostgreSQL).
        return b"".join(response.streaming_content)
    return response.content


def text(response) -> str:
    data = raw(response)
    kind = response.get("Content-Type", "")
    if data.startswith(b"%PDF"):
        try:
            return pdf_text(data) + "\n" + data.decode("latin-1")
        except subprocess.CalledProcessError:  # not a readable PDF (an uploaded file): raw
            return data.decode("utf-8", "replace")
    if data.startswith(b"PK\x03\x04"):  # xlsx, docx, zip exports
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    if "json" in kind:  # un-escape \\uXXXX so that Chinese names can be searched for
        try:
            flat = json.dumps(json.loads(data), ensure_ascii=False)
            return flat.replace("\\n", "\n").replace('\\"', '"')  # HTML in JSON, as HTML
        except ValueError:
            pass
    if "charset=" in kind:
        return data.decode(kind.split("charset=")[-1].split(";")[0].strip(), "replace")
    return data.decode("utf-8", "replace")


VOLATILE = [
    # Per-request tokens.
    re.compile(r'csrfmiddlewaretoken\\?"\s+value=\\?"[^"\\]*'),
    re.compile(r'csrf[_-]?token["\']?\s*[:=]\s*["\'][^"\']*', re.IGNORECASE),
    re.compile(r'(nonce=")[^"]*'),
    # Clock readings: RFC 822 (feeds: an empty feed's lastBuildDate is "now", which may cross
    # midnight between the two sweeps), ISO or Chinese date-times, relative times ("3 分钟前").
    re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} \w{3} \d{4} \d{2}:\d{2}:\d{2}"),
    re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?"),
    re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}"),
    re.compile(r"\d{1,2}:\d{2}(:\d{2})?"),
    re.compile(r"\d+[ \xa0]*(分钟|秒|小时|minutes?|seconds?|hours?)([ \xa0]|&nbsp;)*(之前|前|ago)"),
    # Wagtail numbers each visit to an edit form (an editing session).
    re.compile(r"editing-sessions/[\w/]*"),
    re.compile(r"刚刚|just now"),
    # Wagtail numbers StreamField block definitions per process (blockdef-3, blockdef-17…).
    re.compile(r"blockdef-\d+"),
    re.compile(r'data-w-tooltip-content-value="[^"]*"'),
    # Draftail block keys: Wagtail's HTML→contentstate converter gives every rich-text block
    # a fresh random 5-character key each time it converts (contentstate_models.Block), e.g.
    # the empty paragraph default in the StreamField block definitions of every edit form.
    re.compile(r"(?<=key\\&quot;: \\&quot;)[a-z0-9]{5}(?=\\&quot;)"),
    re.compile(r'(?<=\\"key\\": \\")[a-z0-9]{5}(?=\\")'),
    re.compile(r'(?<="key": ")[a-z0-9]{5}(?=")'),
]


def normalised(body: str) -> str:
    for pattern in VOLATILE:
        body = pattern.sub("<~>", body)
    return "\n".join(" ".join(line.split()) for line in body.splitlines() if line.strip())

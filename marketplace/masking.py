"""Masking of personal data for every view that is not the person's own."""

import re


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"


def mask_id_number(number: str | None) -> str:
    """The one rule for ID numbers everywhere (pages, exports, PDFs, open data): the first 3
    and last 4 characters stay, every other character becomes *, so the place code's detail
    and the birth date never show (530102199001011234 → 530***********1234)."""
    number = (number or "").strip().upper()
    if not number:
        return ""
    return f"{number[:3]}{'*' * (len(number) - 7)}{number[-4:]}" if len(number) > 7 else "****"


def mask_name(name: str | None) -> str:
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


_MOBILE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_ID_IN_TEXT = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")


def mask_in_text(text: str | None) -> str:
    """Free text published as open data: mask any mobile or ID number someone typed in."""
    if not text:
        return ""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group()), text)
    return _MOBILE_IN_TEXT.sub(lambda m: mask_phone(m.group()), text)

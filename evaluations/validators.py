"""Validators for volunteers' identifiers (messages in Chinese)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 11643-1999 公民身份号码: 17 digits and a check character (ISO 7064 MOD 11-2).
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_RE = re.compile(r"^\d{17}[\dX]$")


def id_check_character(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str) -> None:
    number = normalise_id_number(value)
    if not ID_RE.match(number):
        raise ValidationError(
            _("居民身份证号码应为18位（前17位为数字，最后一位为数字或X）。"), code="format"
        )
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > date.today():
        raise ValidationError(_("居民身份证号码中的出生日期无效，请核对。"), code="birth_date")
    if id_check_character(number[:17]) != number[17]:
        raise ValidationError(_("居民身份证号码校验位不正确，请核对。"), code="check_digit")

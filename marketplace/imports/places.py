"""Importer of 行政区划 (places): 12-digit statistical codes, each under an existing parent."""

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .. import rules
from ..models import Place, PlaceLevel, UrbanRural
from ..models.place import PREFIX_LENGTH
from .base import Column, Context, Importer, RowInvalid, choice_value, form_errors

CODE_RE = re.compile(r"^\d{12}$")
LEVEL_WORDS = {
    "省": 1, "自治区": 1, "直辖市": 1,
    "市": 2, "州": 2, "州/市": 2, "地区": 2,
    "县": 3, "区": 3, "县/区": 3, "县级市": 3,
    "街道": 4, "乡": 4, "镇": 4, "乡镇": 4, "街道/乡镇": 4,
    "社区": 5, "村": 5, "社区/村": 5,
}  # fmt: skip


def level_of_code(code: str) -> int:
    """The level a 12-digit code denotes: the last level whose digits are not all zero."""
    for level in (5, 4, 3, 2):
        start = PREFIX_LENGTH[level - 1]
        if code[start : PREFIX_LENGTH[level]].strip("0"):
            return level
    return 1


def parent_code_of(code: str, level: int) -> str:
    return code[: PREFIX_LENGTH[level - 1]].ljust(12, "0")


class PlaceRowForm(forms.Form):
    code = forms.RegexField(
        regex=CODE_RE, error_messages={"invalid": _lazy("统计用区划代码应为12位数字。")}
    )
    name = forms.CharField(max_length=100)
    households = forms.IntegerField(
        required=False, min_value=0, error_messages={"invalid": _lazy("户数应为整数。")}
    )
    urban_rural = forms.ChoiceField(choices=[("", "")] + UrbanRural.choices, required=False)


class PlaceImporter(Importer):
    kind = "places"
    label = _lazy("行政区划")
    description = _lazy("每行一个区划；上级须已在平台中或写在本文件靠前的行。")
    columns = (
        Column("code", _lazy("统计用区划代码"), ("区划代码", "code"), example="530102001003",
               help=_lazy("12位数字")),
        Column("name", _lazy("名称"), ("name",), example="新建社区居民委员会"),
        Column("level", _lazy("层级"), ("level",), required=False, example="社区/村",
               help=_lazy("省、州/市、县/区、街道/乡镇、社区/村 或 1–5；可不填，按代码判断")),
        Column("parent_code", _lazy("上级代码"), ("parent_code", "parent"), required=False,
               example="530102001000", help=_lazy("可不填，按代码推算")),
        Column("urban_rural", _lazy("城乡"), ("urban_rural",), required=False, example="城镇",
               help=_lazy("城镇 或 农村")),
        Column("households", _lazy("户数"), ("households",), required=False, example="1200"),
    )  # fmt: skip

    def may_import(self, user) -> bool:
        return rules.can_manage_registers(user)

    def clean(self, values: dict[str, str], ctx: Context):
        data = dict(values, urban_rural=choice_value(UrbanRural.choices, values.get("urban_rural")))
        form = PlaceRowForm(data)
        if not form.is_valid():
            raise form_errors(form)
        row = form.cleaned_data
        code = row["code"]
        errors: dict[str, list[str]] = {}
        level = level_of_code(code)
        given = (values.get("level") or "").strip()
        if given:
            wanted = int(given) if given.isdigit() else LEVEL_WORDS.get(given)
            if wanted is None or wanted not in PlaceLevel.values:
                errors["level"] = [_("层级应为省、州/市、县/区、街道/乡镇、社区/村或1–5。")]
            elif wanted != level:
                errors["level"] = [
                    _("层级与代码不符：代码 %(code)s 表示%(level)s。")
                    % {"code": code, "level": PlaceLevel(level).label}
                ]
        parent_code = parent_code_of(code, level) if level > 1 else ""
        given_parent = (values.get("parent_code") or "").strip()
        if given_parent and given_parent != parent_code:
            errors["parent_code"] = [
                _("上级代码应为 %(code)s（由区划代码推算）。") % {"code": parent_code or "—"}
            ]
        if code in ctx.seen:
            errors.setdefault("code", []).append(
                _("与第 %(row)d 行的区划代码重复。") % {"row": ctx.seen[code]}
            )
        elif Place.objects.filter(code=code).exists():
            errors.setdefault("code", []).append(_("该区划代码已在平台中。"))
        if (
            parent_code
            and parent_code not in ctx.seen
            and not Place.objects.filter(code=parent_code).exists()
        ):
            errors.setdefault("parent_code", []).append(
                _("上级区划 %(code)s 不存在，请先导入上级。") % {"code": parent_code}
            )
        if not rules.manages_register_at(ctx.user, Place(code=code, level=level)):
            errors.setdefault("code", []).append(_("该区划不在您负责的范围内。"))
        if errors:
            raise RowInvalid(errors)
        ctx.seen[code] = ctx.row
        return {**row, "level": level, "parent_code": parent_code}

    def save(self, row, ctx: Context) -> Place:
        parent = (
            Place.objects.filter(code=row["parent_code"]).first() if row["parent_code"] else None
        )
        return Place.objects.create(
            code=row["code"],
            name=row["name"],
            level=row["level"],
            parent=parent,
            urban_rural=row["urban_rural"],
            households=row["households"],
            path_name=f"{parent.path_name} {row['name']}" if parent else row["name"],
        )

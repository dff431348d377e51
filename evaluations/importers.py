"""Importer of volunteers (志愿者) for social organisations, only into communities in their area."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from marketplace import rules as core
from marketplace.imports import registry
from marketplace.imports.base import Column, Context, Importer, RowInvalid
from marketplace.models import Organisation, Place

from .services.volunteers import volunteer_check, volunteer_register
from .validators import normalise_id_number

CODES_SPLIT = re.compile(r"[;；、,，\s]+")
FIELDS = ("name", "phone", "id_number", "skills")


class VolunteerImporter(Importer):
    kind = "volunteers"
    label = _lazy("志愿者")
    description = _lazy(
        "社会组织批量登记志愿者：身份证号码按GB 11643校验，已登记的号码不能重复登记；"
        "服务社区须在本组织所在地区内。"
    )
    columns = (
        Column("name", _lazy("姓名"), ("name",), example="张三"),
        Column("phone", _lazy("手机号"), ("phone", "联系电话"), example="13800001234"),
        Column("id_number", _lazy("居民身份证号码"), ("身份证号码", "id_number"),
               example="11010519491231002X", help=_lazy("18位，末位可为X")),
        Column("communities", _lazy("服务社区代码"), ("communities", "社区代码"),
               example="530102001001", help=_lazy("12位区划代码，多个用、或;分隔")),
        Column("skills", _lazy("技能特长"), ("skills",), required=False, example="急救、手工"),
        Column("credit_code", _lazy("组织统一社会信用代码"), ("credit_code", "信用代码"),
               required=False, help=_lazy("您属于多个社会组织时必填")),
    )  # fmt: skip

    def may_import(self, user) -> bool:
        return bool(user is not None and user.is_authenticated and core.organisation_ids(user))

    def _organisation(self, values, user) -> Organisation:
        if user is None:
            raise RowInvalid({"": [_("导入志愿者须指定导入人（--user），按其所属组织登记。")]})
        orgs = Organisation.objects.select_related("place").filter(
            pk__in=core.organisation_ids(user)
        )
        code = (values.get("credit_code") or "").strip().upper()
        if code:
            orgs = orgs.filter(credit_code=code)
        found = list(orgs[:2])
        if len(found) != 1:
            message = (
                _("统一社会信用代码 %(code)s 不是您所属的社会组织。") % {"code": code}
                if code
                else _("您属于多个社会组织，请填写登记组织的统一社会信用代码。")
            )
            raise RowInvalid({"credit_code": [message]})
        return found[0]

    def _communities(self, values) -> list[Place]:
        codes = [c for c in CODES_SPLIT.split(values.get("communities") or "") if c]
        found = {p.code: p for p in Place.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise RowInvalid(
                {
                    "communities": [
                        _("社区代码 %(codes)s 不在平台的行政区划中。")
                        % {"codes": "、".join(unknown)}
                    ]
                }
            )
        return [found[c] for c in dict.fromkeys(codes)]

    def clean(self, values: dict[str, str], ctx: Context):
        organisation = self._organisation(values, ctx.user)
        row = {k: values.get(k, "") for k in FIELDS}
        row["communities"] = self._communities(values)
        number = normalise_id_number(row["id_number"])
        try:
            row = volunteer_check(user=ctx.user, organisation=organisation, **row)
        except ValidationError as exc:
            raise RowInvalid(exc.message_dict) from None
        except PermissionDenied as exc:
            raise RowInvalid({"": [str(exc)]}) from None
        if number in ctx.seen:
            raise RowInvalid(
                {"id_number": [_("与第 %(row)d 行的身份证号码重复。") % {"row": ctx.seen[number]}]}
            )
        ctx.seen[number] = ctx.row
        return {**row, "organisation": organisation}

    def save(self, row, ctx: Context):
        return volunteer_register(user=ctx.user, **row)


def register() -> None:
    registry.register(VolunteerImporter())

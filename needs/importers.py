"""Importer of needs (居民需求) for community staff, only into communities they serve."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from marketplace import rules as core
from marketplace.imports import registry
from marketplace.imports.base import (
    Column,
    Context,
    Importer,
    RowInvalid,
    choice_value,
    form_errors,
)
from marketplace.models import Place, PlaceLevel

from . import selectors
from .forms import NeedForm
from .models import Category
from .services.imports import need_import

FIELDS = ["category", "title", "description", "people_count", "contact_phone"]


class NeedImporter(Importer):
    kind = "needs"
    label = _lazy("居民需求")
    description = _lazy(
        "用于录入纸质登记、热线等线下收到的需求；导入后进入待审核队列，提出人记为导入人。"
    )
    columns = (
        Column("community_code", _lazy("社区代码"), ("社区/村代码", "community_code", "community"),
               example="530102001001", help=_lazy("12位区划代码，须是您负责的社区或村")),
        Column("category", _lazy("类别"), ("category",), example="养老服务",
               help="、".join(str(label) for _v, label in Category.choices)),
        Column("title", _lazy("标题"), ("title",), example="希望开设老年人助餐点"),
        Column("description", _lazy("具体描述"), ("描述", "description"),
               example="小区独居老人多，做饭不便，希望就近有助餐服务。"),
        Column("people_count", _lazy("涉及人数"), ("people_count",), required=False,
               example="30"),
        Column("contact_phone", _lazy("联系电话"), ("手机号", "contact_phone", "phone"),
               required=False, example="13800001234", help=_lazy("选填，仅社区工作者可见")),
    )  # fmt: skip

    def may_import(self, user) -> bool:
        return bool(user is not None and selectors.staff_communities(user))

    def clean(self, values: dict[str, str], ctx: Context):
        errors: dict[str, list[str]] = {}
        code = (values.get("community_code") or "").strip()
        community = Place.objects.filter(code=code).first() if code else None
        if community is None:
            errors["community_code"] = [
                _("社区代码 %(code)s 不在平台的行政区划中。") % {"code": code or "—"}
            ]
        elif community.level != PlaceLevel.COMMUNITY:
            errors["community_code"] = [_("需求须提给一个社区或村（12位代码的最后一级）。")]
        elif ctx.user is None or not core.is_staff_for(ctx.user, community):
            errors["community_code"] = [_("该社区不在您负责的范围内，不能导入。")]
        data = {key: values.get(key, "") for key in FIELDS}
        data["category"] = choice_value(Category.choices, data["category"])
        data["people_count"] = data["people_count"] or "1"
        communities = Place.objects.filter(pk=community.pk if community else None)
        form = NeedForm(data={**data, "community": community.pk if community else ""},
                        communities=communities)  # fmt: skip
        if not form.is_valid():
            for key, messages in form_errors(form).errors.items():
                if key not in ("community", "photos"):
                    errors.setdefault(key, []).extend(messages)
        if errors:
            raise RowInvalid(errors)
        return {**{k: form.cleaned_data[k] for k in FIELDS}, "community": community}

    def save(self, row, ctx: Context):
        return need_import(user=ctx.user, **row)


def register() -> None:
    registry.register(NeedImporter())

"""Importer of 社会组织 (organisations): GB 32100 credit code, registration, place."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .. import rules
from ..models import Organisation, OrganisationType, Place
from ..models.organisation import AnnualReportStatus, OrganisationRating
from .base import Column, Context, Importer, RowInvalid, choice_value, form_errors, yes

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"]
RATING_WORDS = {"A": "1A", "AA": "2A", "AAA": "3A", "AAAA": "4A", "AAAAA": "5A"}


class OrganisationRowForm(forms.ModelForm):
    registered_on = forms.DateField(
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _lazy("日期格式应为 2020-05-01。")},
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "credit_code",
            "type",
            "registration_authority",
            "registered_on",
            "rating",
            "annual_report",
            "bad_credit",
            "is_evaluation_agency",
            "description",
        ]
        error_messages = {"credit_code": {"unique": _lazy("该统一社会信用代码已在平台中登记。")}}


class OrganisationImporter(Importer):
    kind = "organisations"
    label = _lazy("社会组织")
    description = _lazy("每行一个社会组织；所在地填12位区划代码，须已在平台中。")
    columns = (
        Column("name", _lazy("名称"), ("name", "组织名称"), example="五华区示例社会工作服务中心"),
        Column("credit_code", _lazy("统一社会信用代码"), ("credit_code", "信用代码"),
               example="52530102MJ0000001X", help=_lazy("18位，按GB 32100校验")),
        Column("type", _lazy("类型"), ("type",), example="社会服务机构",
               help=_lazy("社会团体、社会服务机构 或 基金会")),
        Column("registration_authority", _lazy("登记管理机关"), ("registration_authority",),
               example="昆明市五华区民政局"),
        Column("registered_on", _lazy("成立登记日期"), ("registered_on", "成立日期"),
               example="2019-03-15"),
        Column("place_code", _lazy("所在地代码"), ("place_code", "place", "所在地"),
               example="530102000000", help=_lazy("12位区划代码")),
        Column("rating", _lazy("等级评估"), ("rating",), required=False, example="3A",
               help=_lazy("1A–5A，未评估留空")),
        Column("annual_report", _lazy("年报"), ("annual_report",), required=False,
               example="已报送", help=_lazy("已报送、年检合格 或 未报送")),
        Column("bad_credit", _lazy("列入失信名单"), ("bad_credit",), required=False,
               example="否", help=_lazy("是 或 否")),
        Column("is_evaluation_agency", _lazy("第三方评估机构"), ("is_evaluation_agency",),
               required=False, example="否", help=_lazy("是 或 否")),
        Column("description", _lazy("简介"), ("description",), required=False, example=""),
    )  # fmt: skip

    def may_import(self, user) -> bool:
        return rules.can_manage_registers(user)

    def clean(self, values: dict[str, str], ctx: Context):
        rating = (values.get("rating") or "").strip().upper()
        data = {
            **values,
            "credit_code": (values.get("credit_code") or "").strip().upper(),
            "type": choice_value(OrganisationType.choices, values.get("type")),
            "rating": RATING_WORDS.get(rating, rating),
            "annual_report": choice_value(AnnualReportStatus.choices, values.get("annual_report"))
            or AnnualReportStatus.SUBMITTED,
            "bad_credit": yes(values.get("bad_credit")),
            "is_evaluation_agency": yes(values.get("is_evaluation_agency")),
        }
        data["rating"] = choice_value(OrganisationRating.choices, data["rating"])
        form = OrganisationRowForm(data)
        errors = {} if form.is_valid() else form_errors(form).errors
        code = data["credit_code"]
        if code and code in ctx.seen:
            errors.setdefault("credit_code", []).append(
                _("与第 %(row)d 行的统一社会信用代码重复。") % {"row": ctx.seen[code]}
            )
        place_code = (values.get("place_code") or "").strip()
        place = Place.objects.filter(code=place_code).first() if place_code else None
        if place is None:
            errors.setdefault("place_code", []).append(
                _("所在地代码 %(code)s 不在平台的行政区划中。") % {"code": place_code or "—"}
            )
        elif not rules.manages_register_at(ctx.user, place):
            errors.setdefault("place_code", []).append(_("该所在地不在您负责的范围内。"))
        if errors:
            raise RowInvalid(errors)
        ctx.seen[code] = ctx.row
        form.instance.place = place
        return form

    def save(self, form: OrganisationRowForm, ctx: Context) -> Organisation:
        return form.save()

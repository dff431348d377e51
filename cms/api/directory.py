"""Directory resources: notices, places and organisations."""

from django.utils.translation import gettext_lazy as _

from marketplace.masking import mask_in_text
from marketplace.models import Organisation, Place, PlaceLevel
from marketplace.models.organisation import OrganisationRating, OrganisationType

from .declarations import (
    Field,
    Filter,
    Resource,
    parse_choice,
    parse_int,
    parse_place,
    parse_prefix,
)
from .helpers import choice_filter, date_filters, iso, label, page_url, place_field, place_filter


def _notices():
    from cms.models import NoticePage

    return NoticePage.objects.live().public().select_related("place").order_by("-step_at", "-pk")


def _notice_kinds():
    from cms.models import NoticeKind

    return NoticeKind.values


NOTICES = Resource(
    name="notices",
    summary=_("公告"),
    description=_(
        "网站上已发布的公告（采购、开标、流标、中标公示、中标、合同、评估结果），按发生时间倒序。"
    ),
    queryset=_notices,
    fields=[
        Field("id", "integer", _("编号"), lambda o, c: o.pk),
        Field("title", "string", _("标题"), lambda o, c: o.title),
        Field("kind", "string", _("公告类型代码"), lambda o, c: o.kind, enum=_notice_kinds()),
        Field("kind_label", "string", _("公告类型"), label("kind")),
        Field("step_at", "string", _("发生时间"), lambda o, c: iso(o.step_at), format="date-time"),
        place_field("place", _("地区"), lambda o: o.place, nullable=True),
        Field(
            "url", "string", _("网页地址"), lambda o, c: o.get_full_url(c["request"]), format="uri"
        ),
    ],
    filters=[
        place_filter("place", _("地区代码：该地区及其下级地区的公告")),
        choice_filter("kind", _("公告类型代码"), _notice_kinds()),
        *date_filters("step_at", "date"),
    ],
)

PLACES = Resource(
    name="places",
    summary=_("行政区划"),
    description=_("省、州/市、县/区、街道/乡镇、社区/村五级行政区划，按代码排序。"),
    queryset=lambda: Place.objects.select_related("parent").order_by("code"),
    fields=[
        Field("code", "string", _("统计用区划代码（12 位）"), lambda o, c: o.code),
        Field("name", "string", _("名称"), lambda o, c: o.name),
        Field(
            "level",
            "integer",
            _("层级：1 省 … 5 社区/村"),
            lambda o, c: o.level,
            enum=PlaceLevel.values,
        ),
        Field("level_label", "string", _("层级名称"), label("level")),
        Field(
            "parent",
            "string",
            _("上级区划代码"),
            lambda o, c: o.parent.code if o.parent else None,
            True,
        ),
        Field(
            "urban_rural",
            "string",
            _("城乡：urban 城镇，rural 农村"),
            lambda o, c: o.urban_rural or None,
            True,
        ),
        Field("households", "integer", _("户数"), lambda o, c: o.households, True),
        Field("path", "string", _("全称"), lambda o, c: o.path_name),
    ],
    filters=[
        Filter(
            "parent",
            _("上级区划代码：只列其直接下级"),
            lambda qs, p: qs.filter(parent=p),
            parse_place,
        ),
        Filter(
            "level",
            _("层级（1–5）"),
            lambda qs, v: qs.filter(level=v),
            lambda v: parse_choice([str(x) for x in PlaceLevel.values])(v) and parse_int(v),
            type="integer",
            enum=PlaceLevel.values,
        ),
        Filter(
            "code_prefix",
            _("代码前缀：代码以此开头的区划（含下级）"),
            lambda qs, v: qs.filter(code__startswith=v),
            parse_prefix,
        ),
        choice_filter("urban_rural", _("城乡"), ["urban", "rural"]),
    ],
)

ORGANISATIONS = Resource(
    name="organisations",
    summary=_("社会组织"),
    description=_("社会组织公开名录（登记信息与信用状况，不含成员及联系方式），按名称排序。"),
    queryset=lambda: Organisation.objects.select_related("place").order_by("name", "pk"),
    fields=[
        Field("id", "integer", _("编号"), lambda o, c: o.pk),
        Field("name", "string", _("名称"), lambda o, c: o.name),
        Field("credit_code", "string", _("统一社会信用代码"), lambda o, c: o.credit_code),
        Field("type", "string", _("类型代码"), lambda o, c: o.type, enum=OrganisationType.values),
        Field("type_label", "string", _("类型"), label("type")),
        Field(
            "registration_authority",
            "string",
            _("登记管理机关"),
            lambda o, c: o.registration_authority,
        ),
        Field(
            "registered_on",
            "string",
            _("成立登记日期"),
            lambda o, c: iso(o.registered_on),
            format="date",
        ),
        Field("rating", "string", _("等级评估（1A–5A）"), lambda o, c: o.rating or None, True),
        Field("annual_report", "string", _("年报状态代码"), lambda o, c: o.annual_report),
        Field("bad_credit", "boolean", _("列入失信名单"), lambda o, c: o.bad_credit),
        Field(
            "is_evaluation_agency",
            "boolean",
            _("第三方评估机构"),
            lambda o, c: o.is_evaluation_agency,
        ),
        place_field("place", _("所在地"), lambda o: o.place),
        Field("description", "string", _("简介"), lambda o, c: mask_in_text(o.description)),
        Field(
            "url",
            "string",
            _("网页地址"),
            page_url("organisation_detail", lambda o: o.pk),
            format="uri",
        ),
    ],
    filters=[
        place_filter("place", _("地区代码：所在地在该地区及其下级地区的组织")),
        choice_filter("type", _("类型代码"), OrganisationType.values),
        choice_filter("rating", _("等级评估"), [v for v in OrganisationRating.values if v]),
    ],
)

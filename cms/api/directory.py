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
from .helpers import (
    attr_field,
    choice_filter,
    coded_fields,
    date_filters,
    id_field,
    page_field,
    place_field,
    place_filter,
    time_field,
)


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
        id_field(),
        attr_field("title", "string", _("标题")),
        *coded_fields("kind", _("公告类型代码"), _("公告类型"), _notice_kinds()),
        time_field("step_at", _("发生时间")),
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
    key="code",
    key_label=_("区划代码"),
    key_type="string",
    key_pattern=r"[0-9]{12}",
    lookup="code",
    fields=[
        attr_field("code", "string", _("统计用区划代码（12 位）")),
        attr_field("name", "string", _("名称")),
        *coded_fields(
            "level", _("层级：1 省 … 5 社区/村"), _("层级名称"), PlaceLevel.values, "integer"
        ),
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
        attr_field("households", "integer", _("户数"), True),
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
        id_field(),
        attr_field("name", "string", _("名称")),
        attr_field("credit_code", "string", _("统一社会信用代码")),
        *coded_fields("type", _("类型代码"), _("类型"), OrganisationType.values),
        attr_field("registration_authority", "string", _("登记管理机关")),
        time_field("registered_on", _("成立登记日期"), format="date"),
        Field("rating", "string", _("等级评估（1A–5A）"), lambda o, c: o.rating or None, True),
        attr_field("annual_report", "string", _("年报状态代码")),
        attr_field("bad_credit", "boolean", _("列入失信名单")),
        attr_field("is_evaluation_agency", "boolean", _("第三方评估机构")),
        place_field("place", _("所在地"), lambda o: o.place),
        Field("description", "string", _("简介"), lambda o, c: mask_in_text(o.description)),
        page_field("organisation_detail"),
    ],
    filters=[
        place_filter("place", _("地区代码：所在地在该地区及其下级地区的组织")),
        choice_filter("type", _("类型代码"), OrganisationType.values),
        choice_filter("rating", _("等级评估"), [v for v in OrganisationRating.values if v]),
    ],
)

"""The public resources of /api/v1/: what each lists, its filters and its fields.

Only public rows and public fields: no person's name, phone or ID number; tenders carry no
bid fact while their bids are sealed.
"""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.models import FundingSource, Organisation, Place, PlaceLevel, Project
from marketplace.models.organisation import OrganisationRating, OrganisationType
from marketplace.selectors import PUBLIC_PROJECT_STATES
from needs.models import Category, Need, NeedState
from needs.models.need import PUBLIC_STATES as NEED_PUBLIC_STATES
from tenders.models import ProcurementMethod, Tender, TenderState
from tenders.models.bid import OPENED_STATES

from .declarations import (
    Field,
    Filter,
    Resource,
    parse_choice,
    parse_date,
    parse_int,
    parse_place,
    parse_prefix,
)

NEED_STATES = [s for s in NEED_PUBLIC_STATES if s != NeedState.MERGED]
TENDER_STATES = [s for s in TenderState.values if s != TenderState.DRAFT]
WINNER_PUBLIC = [TenderState.AWARD_PROPOSED, TenderState.AWARDED, TenderState.CONTRACTED]
PLACE_PROPS = {
    "code": ("string", _("统计用区划代码（12 位）")),
    "name": ("string", _("名称")),
    "path": ("string", _("全称")),
}


def _place(place):
    if place is None:
        return None
    return {"code": place.code, "name": place.name, "path": place.path_name}


def _stamp(value):
    return value.isoformat() if value else None


def _amount(value):
    return str(value) if value is not None else None


def _day(value: datetime.date, *, end=False):
    day = value + datetime.timedelta(days=1) if end else value
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _url(name, *args):
    return lambda obj, ctx: ctx["request"].build_absolute_uri(
        reverse(name, args=[a(obj) for a in args])
    )


def place_field(name, description, getter, nullable=False):
    return Field(
        name,
        "object",
        description,
        lambda o, c: _place(getter(o)),
        nullable,
        properties=PLACE_PROPS,
    )


def subtree(path):
    return lambda qs, place: qs.filter(**{f"{path}__code__startswith": place.prefix})


def place_filter(path, description):
    return Filter("place", description, subtree(path), parse_place, format="12 位区划代码")


def date_filters(field_name, label):
    return [
        Filter(
            f"{label}_from",
            _("不早于该日期（含），YYYY-MM-DD"),
            lambda qs, d: qs.filter(**{f"{field_name}__gte": _day(d)}),
            parse_date,
            format="date",
        ),
        Filter(
            f"{label}_to",
            _("不晚于该日期（含），YYYY-MM-DD"),
            lambda qs, d: qs.filter(**{f"{field_name}__lt": _day(d, end=True)}),
            parse_date,
            format="date",
        ),
    ]


def choice_filter(name, description, choices, path=None):
    values = [str(v) for v in choices]
    return Filter(
        name,
        description,
        lambda qs, v: qs.filter(**{path or name: v}),
        parse_choice(values),
        enum=values,
    )


def label(attr):
    return lambda o, c: str(getattr(o, f"get_{attr}_display")())


NEEDS = Resource(
    name="needs",
    summary=_("居民需求"),
    description=_("已公开的居民需求（不含提出人、联系电话等个人信息），按提出时间倒序。"),
    queryset=lambda: (
        Need.objects.filter(state__in=NEED_STATES)
        .select_related("community")
        .order_by("-created_at", "-pk")
    ),
    fields=[
        Field("id", "integer", _("编号"), lambda o, c: o.pk),
        Field("title", "string", _("标题"), lambda o, c: o.title),
        Field("description", "string", _("具体描述"), lambda o, c: o.description),
        Field("category", "string", _("类别代码"), lambda o, c: o.category, enum=Category.values),
        Field("category_label", "string", _("类别"), label("category")),
        Field("state", "string", _("状态代码"), lambda o, c: o.state, enum=NEED_STATES),
        Field("state_label", "string", _("状态"), label("state")),
        place_field("community", _("社区/村"), lambda o: o.community),
        Field("people_count", "integer", _("涉及人数"), lambda o, c: o.people_count),
        Field("endorsement_count", "integer", _("附议数"), lambda o, c: o.endorsement_count),
        Field("project_id", "integer", _("纳入的项目编号"), lambda o, c: o.project_id, True),
        Field(
            "created_at",
            "string",
            _("提出时间"),
            lambda o, c: _stamp(o.created_at),
            format="date-time",
        ),
        Field(
            "published_at",
            "string",
            _("公开时间"),
            lambda o, c: _stamp(o.published_at),
            True,
            "date-time",
        ),
        Field("url", "string", _("网页地址"), _url("needs:detail", lambda o: o.pk), format="uri"),
    ],
    filters=[
        place_filter("community", _("地区代码：该地区及其下级地区的需求")),
        choice_filter("category", _("类别代码"), Category.values),
        choice_filter("state", _("状态代码"), NEED_STATES),
        *date_filters("created_at", "created"),
    ],
)

PROJECTS = Resource(
    name="projects",
    summary=_("服务项目"),
    description=_("已批准及以后各阶段的服务项目，按创建时间倒序。"),
    queryset=lambda: (
        Project.objects.filter(state__in=PUBLIC_PROJECT_STATES)
        .select_related("community", "purchaser_place", "organisation")
        .order_by("-created_at", "-pk")
    ),
    fields=[
        Field("id", "integer", _("编号"), lambda o, c: o.pk),
        Field("title", "string", _("项目名称"), lambda o, c: o.title),
        Field("state", "string", _("状态代码"), lambda o, c: o.state, enum=PUBLIC_PROJECT_STATES),
        Field("state_label", "string", _("状态"), label("state")),
        place_field("community", _("社区/村"), lambda o: o.community),
        place_field("purchaser_place", _("购买主体所在地"), lambda o: o.purchaser_place),
        Field(
            "approved_budget",
            "string",
            _("批准预算（元，十进制字符串）"),
            lambda o, c: _amount(o.approved_budget),
            True,
        ),
        Field(
            "funding_source",
            "string",
            _("资金来源代码"),
            lambda o, c: o.funding_source or None,
            True,
        ),
        Field(
            "period_start",
            "string",
            _("开始日期"),
            lambda o, c: _stamp(o.period_start),
            True,
            "date",
        ),
        Field(
            "period_end", "string", _("结束日期"), lambda o, c: _stamp(o.period_end), True, "date"
        ),
        Field(
            "organisation",
            "object",
            _("承接社会组织"),
            lambda o, c: (
                {
                    "id": o.organisation.pk,
                    "name": o.organisation.name,
                    "credit_code": o.organisation.credit_code,
                }
                if o.organisation
                else None
            ),
            True,
            properties={
                "id": ("integer", _("编号")),
                "name": ("string", _("名称")),
                "credit_code": ("string", _("统一社会信用代码")),
            },
        ),
        Field(
            "created_at",
            "string",
            _("创建时间"),
            lambda o, c: _stamp(o.created_at),
            format="date-time",
        ),
        Field("url", "string", _("网页地址"), _url("project_detail", lambda o: o.pk), format="uri"),
    ],
    filters=[
        place_filter("community", _("地区代码：该地区及其下级地区的项目")),
        choice_filter("state", _("状态代码"), PUBLIC_PROJECT_STATES),
        choice_filter("funding_source", _("资金来源代码"), FundingSource.values),
        *date_filters("created_at", "created"),
    ],
)


def _winner(tender, context):
    bid = tender.winning_bid
    if tender.state not in WINNER_PUBLIC or bid is None:
        return None
    return {
        "name": bid.organisation.name,
        "credit_code": bid.organisation.credit_code,
        "price": str(bid.price),
    }


def _bid_count(tender, context):
    """Bids that took part in the opening; null while the bids are sealed."""
    return None if tender.is_sealed else tender.opened_bid_count


TENDERS = Resource(
    name="tenders",
    summary=_("采购项目"),
    description=_(
        "已发布的采购（不含草稿）。开标前不含任何投标信息；中标候选人公示后才有中标信息。"
    ),
    queryset=lambda: (
        Tender.objects.exclude(state=TenderState.DRAFT)
        .select_related(
            "project__community", "project__purchaser_place", "winning_bid__organisation"
        )
        .annotate(
            opened_bid_count=Count(
                "bids", filter=Q(bids__state__in=OPENED_STATES, opened_at__isnull=False)
            )
        )
        .order_by("-published_at", "-pk")
    ),
    fields=[
        Field("id", "integer", _("编号"), lambda o, c: o.pk),
        Field("title", "string", _("采购项目名称"), lambda o, c: o.title),
        Field("state", "string", _("状态代码"), lambda o, c: o.state, enum=TENDER_STATES),
        Field("state_label", "string", _("状态"), label("state")),
        Field(
            "method",
            "string",
            _("采购方式代码"),
            lambda o, c: o.method,
            enum=ProcurementMethod.values,
        ),
        Field("method_label", "string", _("采购方式"), label("method")),
        Field(
            "ceiling_price",
            "string",
            _("最高限价（元，十进制字符串）"),
            lambda o, c: str(o.ceiling_price),
        ),
        Field(
            "published_at",
            "string",
            _("发布时间"),
            lambda o, c: _stamp(o.published_at),
            True,
            "date-time",
        ),
        Field(
            "deadline",
            "string",
            _("投标截止时间"),
            lambda o, c: _stamp(o.deadline),
            format="date-time",
        ),
        Field(
            "opened_at",
            "string",
            _("开标时间"),
            lambda o, c: _stamp(o.opened_at),
            True,
            "date-time",
        ),
        Field(
            "number_of_bids", "integer", _("参与开标的投标家数（开标前为 null）"), _bid_count, True
        ),
        Field(
            "winner",
            "object",
            _("中标（候选）人及报价（公示前为 null）"),
            _winner,
            True,
            properties={
                "name": ("string", _("名称")),
                "credit_code": ("string", _("统一社会信用代码")),
                "price": ("string", _("投标报价（元）")),
            },
        ),
        Field("project_id", "integer", _("项目编号"), lambda o, c: o.project_id),
        place_field("community", _("服务地点（社区/村）"), lambda o: o.project.community),
        place_field("purchaser_place", _("采购人所在地"), lambda o: o.project.purchaser_place),
        Field("url", "string", _("网页地址"), _url("tenders:detail", lambda o: o.pk), format="uri"),
        Field(
            "ocds_releases",
            "string",
            _("OCDS 发布包地址"),
            _url("ocds:tender_releases", lambda o: o.pk),
            format="uri",
        ),
    ],
    filters=[
        place_filter("project__community", _("地区代码：服务地点在该地区及其下级地区的采购")),
        choice_filter("state", _("状态代码"), TENDER_STATES),
        choice_filter("method", _("采购方式代码"), ProcurementMethod.values),
        *date_filters("published_at", "published"),
    ],
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
        Field("id", "integer", _("编号"), lambda o, c: o.pk),
        Field("title", "string", _("标题"), lambda o, c: o.title),
        Field("kind", "string", _("公告类型代码"), lambda o, c: o.kind, enum=_notice_kinds()),
        Field("kind_label", "string", _("公告类型"), label("kind")),
        Field(
            "step_at", "string", _("发生时间"), lambda o, c: _stamp(o.step_at), format="date-time"
        ),
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
            lambda o, c: _stamp(o.registered_on),
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
        Field("description", "string", _("简介"), lambda o, c: o.description),
        Field(
            "url",
            "string",
            _("网页地址"),
            _url("organisation_detail", lambda o: o.pk),
            format="uri",
        ),
    ],
    filters=[
        place_filter("place", _("地区代码：所在地在该地区及其下级地区的组织")),
        choice_filter("type", _("类型代码"), OrganisationType.values),
        choice_filter("rating", _("等级评估"), [v for v in OrganisationRating.values if v]),
    ],
)

RESOURCES = [NEEDS, PROJECTS, TENDERS, NOTICES, PLACES, ORGANISATIONS]

"""The public resources of /api/v1/: what each lists, its filters and its fields.

Only public rows and public fields: no person's name, phone or ID number; tenders carry no
bid fact while their bids are sealed.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from marketplace.masking import mask_in_text
from marketplace.models import FundingSource, Project
from marketplace.selectors import PUBLIC_PROJECT_STATES
from needs.models import Category, Need, NeedState
from needs.models.need import PUBLIC_STATES as NEED_PUBLIC_STATES
from tenders.models import ProcurementMethod, Tender, TenderState
from tenders.models.bid import OPENED_STATES

from .declarations import Field, Resource
from .helpers import (
    choice_filter,
    date_filters,
    decimal_text,
    iso,
    label,
    page_url,
    place_field,
    place_filter,
)

NEED_STATES = [s for s in NEED_PUBLIC_STATES if s != NeedState.MERGED]
TENDER_STATES = [s for s in TenderState.values if s != TenderState.DRAFT]
WINNER_PUBLIC = [TenderState.AWARD_PROPOSED, TenderState.AWARDED, TenderState.CONTRACTED]


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
        Field(
            "description",
            "string",
            _("具体描述（其中的电话、证件号已打码）"),
            lambda o, c: mask_in_text(o.description),
        ),
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
            lambda o, c: iso(o.created_at),
            format="date-time",
        ),
        Field(
            "published_at",
            "string",
            _("公开时间"),
            lambda o, c: iso(o.published_at),
            True,
            "date-time",
        ),
        Field(
            "url", "string", _("网页地址"), page_url("needs:detail", lambda o: o.pk), format="uri"
        ),
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
            lambda o, c: decimal_text(o.approved_budget),
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
            lambda o, c: iso(o.period_start),
            True,
            "date",
        ),
        Field("period_end", "string", _("结束日期"), lambda o, c: iso(o.period_end), True, "date"),
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
            lambda o, c: iso(o.created_at),
            format="date-time",
        ),
        Field(
            "url", "string", _("网页地址"), page_url("project_detail", lambda o: o.pk), format="uri"
        ),
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
            lambda o, c: iso(o.published_at),
            True,
            "date-time",
        ),
        Field(
            "deadline",
            "string",
            _("投标截止时间"),
            lambda o, c: iso(o.deadline),
            format="date-time",
        ),
        Field(
            "opened_at",
            "string",
            _("开标时间"),
            lambda o, c: iso(o.opened_at),
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
        Field(
            "url", "string", _("网页地址"), page_url("tenders:detail", lambda o: o.pk), format="uri"
        ),
        Field(
            "ocds_releases",
            "string",
            _("OCDS 发布包地址"),
            page_url("ocds:tender_releases", lambda o: o.pk),
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


from .directory import NOTICES, ORGANISATIONS, PLACES  # noqa: E402

RESOURCES = [NEEDS, PROJECTS, TENDERS, NOTICES, PLACES, ORGANISATIONS]

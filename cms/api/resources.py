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
    attr_field,
    choice_filter,
    coded_fields,
    date_filters,
    decimal_text,
    id_field,
    page_field,
    place_field,
    place_filter,
    time_field,
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
        id_field(),
        attr_field("title", "string", _("标题")),
        Field(
            "description",
            "string",
            _("具体描述（其中的电话、证件号已打码）"),
            lambda o, c: mask_in_text(o.description),
        ),
        *coded_fields("category", _("类别代码"), _("类别"), Category.values),
        *coded_fields("state", _("状态代码"), _("状态"), NEED_STATES),
        place_field("community", _("社区/村"), lambda o: o.community),
        attr_field("people_count", "integer", _("涉及人数")),
        attr_field("endorsement_count", "integer", _("附议数")),
        attr_field("project_id", "integer", _("纳入的项目编号"), True),
        time_field("created_at", _("提出时间")),
        time_field("published_at", _("公开时间"), True),
        page_field("needs:detail"),
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
        id_field(),
        attr_field("title", "string", _("项目名称")),
        *coded_fields("state", _("状态代码"), _("状态"), PUBLIC_PROJECT_STATES),
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
        time_field("period_start", _("开始日期"), True, "date"),
        time_field("period_end", _("结束日期"), True, "date"),
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
        time_field("created_at", _("创建时间")),
        page_field("project_detail"),
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
        id_field(),
        attr_field("title", "string", _("采购项目名称")),
        *coded_fields("state", _("状态代码"), _("状态"), TENDER_STATES),
        *coded_fields("method", _("采购方式代码"), _("采购方式"), ProcurementMethod.values),
        Field(
            "ceiling_price",
            "string",
            _("最高限价（元，十进制字符串）"),
            lambda o, c: str(o.ceiling_price),
        ),
        time_field("published_at", _("发布时间"), True),
        time_field("deadline", _("投标截止时间")),
        time_field("opened_at", _("开标时间"), True),
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
        attr_field("project_id", "integer", _("项目编号")),
        place_field("community", _("服务地点（社区/村）"), lambda o: o.project.community),
        place_field("purchaser_place", _("采购人所在地"), lambda o: o.project.purchaser_place),
        page_field("tenders:detail"),
        page_field("ocds:tender_releases", "ocds_releases", _("OCDS 发布包地址")),
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

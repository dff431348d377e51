"""Demonstration tenders in every state, made through the real services.

Time is moved with `clock.travel()` so that legal periods hold: a tender that is opened
today was published (in the travelled clock) more than 20 days ago. Idempotent: each
scenario is keyed by its project's title and skipped when that project has a tender.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from marketplace import clock, demo, seeding
from marketplace.models import Project
from needs import demo as needs_demo

from . import panel_selectors
from .models import Contract, Tender
from .services import bids as bid_services
from .services import conflicts as conflict_services
from .services import eligibility as eligibility_services
from .services import panel as panel_services
from .services import tenders as services

CRITERIA = [
    {"name": "需求分析与项目理解", "weight": Decimal("20"), "guidance": "对服务对象与需求的把握"},
    {"name": "服务方案与活动设计", "weight": Decimal("30"), "guidance": "方案具体可行"},
    {"name": "团队与专业能力", "weight": Decimal("20"), "guidance": "持证社工与督导"},
    {"name": "项目管理与风险控制", "weight": Decimal("10"), "guidance": "制度、台账、预案"},
]  # + 价格分 20 = 100
PANEL = ["evaluator", "evaluator2", "evaluator3", "evaluator4", "evaluator5"]  # 招标: ≥5, odd
# place code -> (designer, purchaser)
PEOPLE = {
    demo.CUIHU: ("staff", "purchaser"),
    demo.SHUIJINGGONG: ("staff2", "purchaser"),
    demo.SHILIN_VILLAGE: ("staff_rural", "purchaser_county"),
}


def approved_project(*, title: str, community: str = demo.CUIHU, budget=Decimal("180000"), at=None):
    """An approved project made from needs, as of `at` (created once per title)."""
    project = Project.objects.filter(title=title).first()
    if project is not None:
        return project
    with clock.travel(at or clock.now()):
        return _approved_project(title=title, community=community, budget=budget)


def _approved_project(*, title, community, budget):
    # Built from residents' needs through the needs stage's own services.
    return needs_demo.approved_project(
        title=title,
        community_code=community,
        need_titles=[f"希望开展{title.removesuffix('项目')}"],
        budget=budget,
    )


def _publish(project, *, at, deadline) -> Tender:
    purchaser = demo.user(PEOPLE[project.community.code][1])
    with clock.travel(at):
        tender = services.tender_create(
            project=project,
            user=purchaser,
            title=f"{project.title}（政府购买服务）",
            method="open",
            deadline=deadline,
            ceiling_price=project.approved_budget,
            price_weight=Decimal("20"),
            criteria=CRITERIA,
            eligibility="依法登记的社会组织；未被列入失信名单；具备持证社会工作者。",
        )
        return services.tender_publish(tender=tender, user=purchaser)


ADMINS = {
    "sunshine": "org_admin",
    "kangning": "org_admin2",
    "tongxin": "org_admin3",
    "shilin": "org_admin4",
}


def _bid(tender, key, price, *, at):
    org = demo.organisation(key)
    with clock.travel(min(at, clock.now())):
        return bid_services.bid_submit(
            tender=tender,
            organisation=org,
            user=demo.user(ADMINS[key]),
            price=Decimal(price),
            proposal=f"{org.name}服务方案：组建 3 人社工团队，按月开展探访与小组活动，季度督导。",
        )


def _open(tender, *, at):
    with clock.travel(at):
        return services.tender_open(tender_id=tender.pk)


def _evaluate(tender, *, at, scorers=PANEL):
    purchaser = demo.user(PEOPLE[tender.project.community.code][1])
    with clock.travel(at):
        people = [demo.user(u) for u in PANEL]
        panel_services.panel_appoint(tender=tender, user=purchaser, evaluators=people)
        bidders = panel_selectors.bidder_organisation_ids(tender)
        for person in people:
            seat = tender.panel.get(evaluator=person)
            ties = {org: ("none", "") for org in bidders}
            conflict_services.panel_declare(member=seat, user=person, ties=ties)
        tender = services.tender_start_evaluation(tender=tender, user=purchaser)
        bids = list(tender.valid_bids().order_by("price"))
        for person in people:
            seat = tender.panel.get(evaluator=person)
            verdicts = {bid.pk: (True, "") for bid in bids}
            eligibility_services.eligibility_submit(member=seat, user=person, verdicts=verdicts)
        for n, username in enumerate(scorers):
            person = demo.user(username)
            seat = tender.panel.get(evaluator=person)
            values = {}
            for rank, bid in enumerate(bids):
                for c in tender.criteria.all():
                    values[(bid.pk, c.pk)] = max(c.weight * Decimal("0.9") - rank - n, Decimal("0"))
            panel_services.scores_submit(member=seat, user=person, values=values)
        if len(scorers) == len(people):
            for person in people:
                seat = tender.panel.get(evaluator=person)
                panel_services.report_confirm(member=seat, user=person)
        return tender


def _propose(tender, *, at):
    purchaser = demo.user(PEOPLE[tender.project.community.code][1])
    with clock.travel(at):
        return services.tender_propose_award(tender=tender, user=purchaser)


def _award(tender):
    with clock.travel(tender.publicity_ends_at + timedelta(minutes=1)):
        return services.tender_award(tender_id=tender.pk)


def _sign(tender, *, at):
    purchaser = demo.user(PEOPLE[tender.project.community.code][1])
    project = tender.project
    with clock.travel(at):
        return services.contract_sign(
            tender=tender,
            user=purchaser,
            amount=tender.winning_bid.price,
            start_date=project.period_start,
            end_date=project.period_end,
            service_standard="每月入户探访不少于 2 次；每季度小组活动不少于 3 场；服务满意度不低于 85%。",
        )


STAGES = ["published", "opened", "evaluating", "award_proposed", "awarded", "contracted"]


def run_to(project, stage: str, *, bidders, days_ago: int = 40) -> Tender:
    """Walk one project's tender to `stage`, publishing it `days_ago` days back."""
    now = clock.now()
    start = now - timedelta(days=days_ago)
    deadline = start + timedelta(days=21)
    tender = _publish(project, at=start, deadline=deadline)
    for i, (key, price) in enumerate(bidders):
        _bid(tender, key, price, at=start + timedelta(days=2 + i))
    if stage == "published":
        return tender
    tender = _open(tender, at=deadline + timedelta(minutes=1))
    if stage == "opened" or tender.state == "failed":
        return tender
    scorers = PANEL[:2] if stage == "evaluating" else PANEL
    tender = _evaluate(tender, at=deadline + timedelta(days=1), scorers=scorers)
    if stage == "evaluating":
        return tender
    proposed_at = (
        now - timedelta(hours=2) if stage == "award_proposed" else deadline + timedelta(days=2)
    )
    tender = _propose(tender, at=proposed_at)
    if stage == "award_proposed":
        return tender
    tender = _award(tender)
    if stage == "awarded":
        return tender
    _sign(tender, at=tender.awarded_at + timedelta(days=1))
    tender.refresh_from_db()
    return tender


def contracted_project(
    *,
    title: str,
    organisation: str = "sunshine",
    community: str = demo.CUIHU,
    budget=Decimal("180000"),
) -> Contract:
    """A project with a signed contract won by `organisation` (creates it or returns it)."""
    existing = Contract.objects.filter(project__title=title).select_related("project").first()
    if existing:
        return existing
    with transaction.atomic():
        project = approved_project(
            title=title, community=community, budget=budget, at=clock.now() - timedelta(days=62)
        )
        others = [k for k in ("sunshine", "kangning", "tongxin") if k != organisation][:2]
        low = budget * Decimal("0.85")
        bidders = [(organisation, low), *[(k, low + 5000 * (i + 1)) for i, k in enumerate(others)]]
        tender = run_to(project, "contracted", bidders=bidders, days_ago=60)
        return tender.contract


THREE = [("sunshine", "158000"), ("kangning", "166000"), ("tongxin", "171500")]
SCENARIOS = [
    ("published", "水晶宫社区青少年成长护航项目", demo.SHUIJINGGONG, [("sunshine", "150000")]),
    ("opened", "翠湖社区困境儿童关爱项目", demo.CUIHU, THREE),
    ("evaluating", "翠湖社区残疾人康复支持项目", demo.CUIHU, THREE),
    ("award_proposed", "水晶宫社区长者助餐服务项目", demo.SHUIJINGGONG, THREE),
    ("awarded", "翠湖社区邻里互助网络项目", demo.CUIHU, THREE),
    ("failed", "西街口村留守儿童四点半课堂项目", demo.SHILIN_VILLAGE, [("shilin", "90000")]),
]
CONTRACTED = [
    ("翠湖社区居家养老关爱项目（已签约）", "sunshine", demo.CUIHU),
    ("水晶宫社区心理健康服务项目（已签约）", "kangning", demo.SHUIJINGGONG),
    ("翠湖社区志愿服务培育项目（已签约）", "tongxin", demo.CUIHU),
]
DUE_SOON = "翠湖社区老年食堂运营项目（即将开标）"


def _due_soon(say):
    """Published 20 days back with its deadline 3 minutes after seeding: the running site's
    scheduler opens it while you watch."""
    project = approved_project(
        title=DUE_SOON, budget=Decimal("200000"), at=clock.now() - timedelta(days=21)
    )
    if project.tenders.exists():
        return
    deadline = clock.now() + timedelta(minutes=3)
    start = deadline - timedelta(days=20, minutes=1)
    tender = _publish(project, at=start, deadline=deadline)
    for i, (key, price) in enumerate(THREE):
        _bid(tender, key, price, at=start + timedelta(days=1 + i))
    say(f"  「{tender.title}」将于 {timezone.localtime(deadline):%H:%M} 自动开标")


@seeding.register(30, "采购、投标、评标与合同")
def seed_tenders(say):
    for stage, title, community, bidders in SCENARIOS:
        with transaction.atomic():
            days_ago = 0 if stage == "published" else 40
            project = approved_project(
                title=title, community=community, at=clock.now() - timedelta(days=days_ago + 1)
            )
            if project.tenders.exists():
                continue
            # the open tender is published today: its deadline lies 21 days ahead
            tender = run_to(
                project,
                "opened" if stage == "failed" else stage,
                bidders=bidders,
                days_ago=days_ago,
            )
            say(f"  {tender.get_state_display()}：{tender.title}")
    for title, org, community in CONTRACTED:
        contract = contracted_project(title=title, organisation=org, community=community)
        say(f"  已签约：{contract.project.title}（{contract.organisation.name}）")
    with transaction.atomic():
        _due_soon(say)

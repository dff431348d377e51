"""Demonstration deliveries: one in delivery, one under mid-term evaluation, one completed,
one in rectification. Idempotent: a project that already has a delivery is left alone."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from marketplace import clock, demo, seeding
from marketplace.models import (
    BudgetLine,
    FundingSource,
    Indicator,
    Place,
    Project,
    ProjectState,
)

from .models import Delivery, PartyKind, PaymentItem, Qualification
from .services import delivery as delivery_services
from .services import evaluations as evaluation_services
from .services.logs import log_record
from .services.payments import payment_release

ACTIVITIES = [
    ("长者健康讲座", "社区活动室"),
    ("独居老人入户探访", "翠湖西路12号院"),
    ("智能手机使用课堂", "社区党群服务中心"),
    ("长者互助小组活动", "社区活动室"),
    ("重阳节敬老活动", "翠湖公园"),
]


# ── TEMPORARY (lead: switch to tenders.demo.contracted_project at merge) ──────────────
def _contracted(title, *, community=demo.CUIHU, org_key="sunshine", amount=Decimal("120000")):
    """A contracted project with a signed contract, built directly (rows and states)."""
    from tenders.models import Bid, BidState, Contract, ContractState, Tender, TenderState

    project = Project.objects.filter(title=title).first()
    if project is None:
        staff = demo.user("staff" if community == demo.CUIHU else "staff2")
        project = Project.objects.create(
            title=title,
            community=Place.objects.get(code=community),
            purchaser_place=Place.objects.get(code=demo.HUASHAN),
            designer=staff,
            background="辖区老年人口占比高，独居、空巢老人多，缺少日常关爱与活动。",
            beneficiaries="辖区60岁以上老人",
            objectives="一年内开展40场活动，服务老人200人次。",
            service_content="健康讲座、入户探访、互助小组、节日活动。",
            period_start=clock.today() - timedelta(days=120),
            period_end=clock.today() + timedelta(days=245),
            no_need_reason="街道年度民生实事项目",
        )
        Indicator.objects.create(project=project, name="开展活动", unit="场", target=40)
        Indicator.objects.create(project=project, name="服务老人", unit="人次", target=200)
        BudgetLine.objects.create(project=project, item="活动物料", unit_price=2000, quantity=20)
        BudgetLine.objects.create(project=project, item="社工服务费", unit_price=8000, quantity=10)
    contract = project.contracts.first()
    if contract is not None:
        return contract
    organisation = demo.organisation(org_key)
    purchaser = demo.user("purchaser")
    Project.objects.filter(pk=project.pk).update(
        state=ProjectState.CONTRACTED,
        organisation=organisation,
        approved_budget=amount,
        funding_source=FundingSource.FISCAL,
    )
    tender = Tender.objects.create(
        project=project,
        title=title,
        ceiling_price=amount,
        deadline=clock.now() - timedelta(days=100),
        created_by=purchaser,
    )
    Tender.objects.filter(pk=tender.pk).update(state=TenderState.CONTRACTED)
    bid = Bid.objects.create(
        tender=tender,
        organisation=organisation,
        price=amount,
        proposal="服务方案（演示）",
        digest="0" * 64,
        submitted_by=demo.user(org_admin_for(org_key)),
    )
    Bid.objects.filter(pk=bid.pk).update(state=BidState.VALID)
    contract = Contract.objects.create(
        tender=tender,
        project=project,
        organisation=organisation,
        bid=bid,
        amount=amount,
        start_date=clock.today() - timedelta(days=90),
        end_date=clock.today() + timedelta(days=275),
        service_standard="每月开展不少于4场活动；每场活动有签到和照片记录；服务对象满意度不低于85%。",
        signed_at=clock.now() - timedelta(days=91),
    )
    Contract.objects.filter(pk=contract.pk).update(state=ContractState.SIGNED)
    return Contract.objects.get(pk=contract.pk)


# ── end TEMPORARY ─────────────────────────────────────────────────────────────────────


def org_admin_for(org_key):
    return {"sunshine": "org_admin", "kangning": "org_admin2"}[org_key]


def _started(contract, org_key="sunshine"):
    admin = demo.user(org_admin_for(org_key))
    delivery = delivery_services.delivery_setup(contract=contract, user=admin)
    if org_key == "sunshine":
        worker, certificate = demo.user("social_worker"), "ZS2019530100027"
    else:
        worker, certificate = admin, "ZS2017530100311"
    delivery_services.team_member_add(
        delivery=delivery,
        user=admin,
        member=worker,
        role="项目主管",
        qualification=Qualification.SOCIAL_WORKER,
        certificate_number=certificate,
    )
    delivery = delivery_services.delivery_start(delivery=delivery, user=admin)
    payment_release(
        item=PaymentItem.objects.get(contract=contract, gate="signing"),
        user=demo.user("purchaser"),
    )
    return delivery, worker


def _logs(delivery, worker, n):
    activities, elders = list(delivery.project.indicators.order_by("pk"))
    for i in range(n):
        activity, place = ACTIVITIES[i % len(ACTIVITIES)]
        elderly = 8 + (i * 7) % 15
        log_record(
            delivery=delivery,
            user=worker,
            indicator=activities if i % 3 else elders,
            count=Decimal(1 if i % 3 else elderly),
            activity=activity,
            date=clock.today() - timedelta(days=85 - i * 5),
            place=place,
            participants=elderly + 2,
            beneficiaries=elderly,
            service_hours=Decimal("2.5"),
            volunteer_hours=Decimal(i % 4),
        )


def _evaluate(delivery, kind, scores, *, close=True):
    purchaser = demo.user("purchaser")
    staff = demo.user("staff" if delivery.project.community.code == demo.CUIHU else "staff2")
    scorers = {
        PartyKind.RESIDENTS: staff,
        PartyKind.COMMUNITY: staff,
        PartyKind.THIRD_PARTY: demo.user("third_party"),
        PartyKind.PURCHASER: purchaser,
    }
    evaluation = evaluation_services.evaluation_open(
        delivery=delivery,
        user=purchaser,
        kind=kind,
        scorers={PartyKind.THIRD_PARTY: scorers[PartyKind.THIRD_PARTY]},
    )
    for party in evaluation.parties.all():
        if party.kind in scores:
            evaluation_services.party_score(
                party=party, user=scorers[party.kind], score=scores[party.kind], comment="演示评分"
            )
    if close:
        evaluation = evaluation_services.evaluation_close(evaluation=evaluation, user=purchaser)
    return evaluation


ALL = {"residents": 92, "community": 90, "third_party": 88, "purchaser": 91}
FAIL = {"residents": 55, "community": 60, "third_party": 52, "purchaser": 58}


@seeding.register(40, "项目执行、评估与付款")
@transaction.atomic
def seed_evaluations(say):
    scenarios = [
        ("翠湖西路社区“银龄同行”长者关爱服务项目", demo.CUIHU, "sunshine", "delivery"),
        ("水晶宫社区“四点半课堂”青少年成长服务项目", demo.SHUIJINGGONG, "sunshine", "mid"),
        ("翠湖西路社区“邻里守望”互助服务项目", demo.CUIHU, "sunshine", "completed"),
        ("水晶宫社区“康乐居家”助老服务项目", demo.SHUIJINGGONG, "kangning", "rectifying"),
    ]
    for title, community, org_key, stage in scenarios:
        contract = _contracted(title, community=community, org_key=org_key)
        if Delivery.objects.filter(contract=contract).exists():
            continue
        delivery, worker = _started(contract, org_key)
        _logs(delivery, worker, 15 if stage in ("delivery", "completed") else 8)
        if stage == "mid":
            _evaluate(delivery, "mid", {"third_party": 86, "purchaser": 84}, close=False)
        elif stage == "completed":
            _evaluate(delivery, "mid", ALL)
            _evaluate(delivery, "final", ALL)
            purchaser = demo.user("purchaser")
            for item in PaymentItem.objects.filter(contract=contract, state="pending"):
                payment_release(item=item, user=purchaser)
        elif stage == "rectifying":
            _evaluate(delivery, "final", FAIL)
        delivery.refresh_from_db()
        say(f"  {title}：{delivery.get_state_display()}")

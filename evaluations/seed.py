"""Demonstration deliveries: one in delivery, one under mid-term evaluation, one completed,
one in rectification. Idempotent: a project that already has a delivery is left alone."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from marketplace import clock, demo, seeding
from tenders.demo import contracted_project

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
    activities, elders = delivery.project.indicators.filter(kind="output").order_by("pk")[:2]
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
        contract = contracted_project(
            title=title, organisation=org_key, community=community, budget=Decimal("120000")
        )
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

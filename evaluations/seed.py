"""Demonstration deliveries: one in delivery, one under mid-term evaluation, one completed,
one in rectification. Idempotent: a project that already has a delivery is left alone."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from marketplace import clock, demo, seeding
from marketplace.models import Place
from tenders.demo import contracted_project

from .models import Delivery, PartyKind, PaymentItem, Qualification, Volunteer
from .services import delivery as delivery_services
from .services import evaluations as evaluation_services
from .services.certificates import certificate_issue
from .services.logs import log_record
from .services.payments import payment_release
from .services.volunteer_hours import volunteer_service_record
from .services.volunteers import volunteer_register
from .validators import id_check_character

# (name, phone, first 17 digits of the ID number, skills). 李秀兰 is the demo resident:
# her account is linked, so she sees her record and downloads her certificate.
VOLUNTEERS = [
    ("李秀兰", "13800001001", "53010219620315002", "健康讲座协助、手工编织"),
    ("马晓东", "13800009101", "53010219950822003", "智能手机教学、摄影"),
    ("段丽华", "13800009102", "53010219780607004", "文艺表演、入户陪伴"),
]

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
    # Spread over the contract's service period up to yesterday (logs must fall within it).
    start = delivery.contract.start_date
    span = max((clock.today() - timedelta(days=1) - start).days, 0)
    for i in range(n):
        activity, place = ACTIVITIES[i % len(ACTIVITIES)]
        elderly = 8 + (i * 7) % 15
        log_record(
            delivery=delivery,
            user=worker,
            indicator=activities if i % 3 else elders,
            count=Decimal(1 if i % 3 else elderly),
            activity=activity,
            date=start + timedelta(days=i * span // n),
            place=place,
            participants=elderly + 2,
            beneficiaries=elderly,
            service_hours=Decimal("2.5"),
        )


def _volunteers():
    """The demo volunteers, registered once by the sunshine centre's admin."""
    admin, registered = demo.user("org_admin"), []
    communities = [Place.objects.get(code=demo.CUIHU), Place.objects.get(code=demo.SHUIJINGGONG)]
    for name, phone, first17, skills in VOLUNTEERS:
        number = first17 + id_check_character(first17)
        volunteer = Volunteer.objects.filter(id_number=number).first() or volunteer_register(
            user=admin,
            organisation=demo.organisation("sunshine"),
            name=name,
            phone=phone,
            id_number=number,
            skills=skills,
            communities=communities,
        )
        registered.append(volunteer)
    return registered


def _volunteer_hours(delivery, worker, slot):
    """Volunteers' hours at the first logs; each scenario has its own time slot on a day."""
    volunteers = _volunteers()
    logs = delivery.logs.filter(is_current=True).order_by("date", "pk")[:6]
    tz, days = timezone.get_current_timezone(), set()
    for i, log in enumerate(logs):
        if log.date in days:  # one slot per day and scenario: a volunteer's times never overlap
            continue
        days.add(log.date)
        for volunteer in volunteers[: 1 + i % len(volunteers)]:
            start = timezone.make_aware(datetime.combine(log.date, time(8 + 2 * slot)), tz)
            volunteer_service_record(
                log=log,
                user=worker,
                volunteer=volunteer,
                started_at=start,
                ended_at=start + timedelta(minutes=90),
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
                party=party,
                user=scorers[party.kind],
                score=scores[party.kind],
                criteria={c.pk: scores[party.kind] for c in party.criteria.all()},
                comment="演示评分",
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
    for slot, (title, community, org_key, stage) in enumerate(scenarios):
        contract = contracted_project(
            title=title, organisation=org_key, community=community, budget=Decimal("120000")
        )
        if Delivery.objects.filter(contract=contract).exists():
            continue
        delivery, worker = _started(contract, org_key)
        _logs(delivery, worker, 15 if stage in ("delivery", "completed") else 8)
        _volunteer_hours(delivery, worker, slot)
        if stage == "mid":
            _evaluate(delivery, "mid", {"third_party": 86, "purchaser": 84}, close=False)
        elif stage == "completed":
            _evaluate(delivery, "mid", ALL)
            _evaluate(delivery, "final", ALL)
            purchaser = demo.user("purchaser")
            for item in PaymentItem.objects.filter(contract=contract, state="pending"):
                payment_release(item=item, user=purchaser)
            certificate_issue(
                volunteer=_volunteers()[0],
                organisation=demo.organisation(org_key),
                user=demo.user(org_admin_for(org_key)),
                responsible_person="周明",
            )
        elif stage == "rectifying":
            _evaluate(delivery, "final", FAIL)
        delivery.refresh_from_db()
        say(f"  {title}：{delivery.get_state_display()}")

"""Demonstration needs, a consultation and designs in every state, built through the services.

`approved_project()` is reused by later seeders (tenders, evaluations): it returns an approved
project made from new published needs, the way a community would really make one.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from marketplace import clock, demo, seeding
from marketplace.models import FundingSource, Place, Project, ProjectState, Role, RoleAssignment
from marketplace.services.projects import project_approve, project_return, project_submit

from .demo_data import MEETINGS, NEEDS
from .models import Category, Decision, Need, NeedState
from .services import designs
from .services.consultations import Participant, consultation_record
from .services.needs import (
    need_endorse,
    need_merge,
    need_publish,
    need_reject,
    need_submit,
    need_withdraw,
)


def _people(community: Place, role: str) -> list:
    """Demo users holding `role` at (or above) the community, in a stable order."""
    ras = RoleAssignment.objects.filter(role=role).select_related("user", "place")
    return [
        ra.user
        for ra in ras.order_by("user__username")
        if ra.place and ra.place.contains(community)
    ]


def _participants(meeting: str) -> list[Participant]:
    return [
        Participant(kind, organisation=demo.organisation(name), role=role)
        if kind == "organisation"
        else Participant(kind, name, role=role)
        for kind, name, role in MEETINGS[meeting]
    ]


def _staff(community):
    return _people(community, Role.COMMUNITY_STAFF)[0]


def _purchaser(community):
    return _people(community, Role.PURCHASER)[0]


def _residents(community):
    return _people(community, Role.RESIDENT) or [_staff(community)]


def _published_need(*, community, author, title, category, description, people, endorsers=()):
    need = need_submit(
        user=author,
        community=community,
        category=category,
        title=title,
        description=description,
        people_count=people,
        contact_phone=author.phone or "",
    )
    need = need_publish(need=need, user=_staff(community))
    for person in endorsers:
        if person.pk != author.pk:
            need_endorse(need=need, user=person)
    return need


def _fields(title, community, needs, reason=""):
    names = "、".join(n.title for n in needs) or reason
    return designs.DesignFields(
        title=title,
        background=f"{community.name}居民反映：{names}。经社区协商确定立项。",
        beneficiaries=f"{community.name}有需要的居民",
        objectives="回应居民需求，一年内建立常态化服务机制。",
        service_content="个案服务、小组活动、社区活动与志愿者培育相结合。",
        activity_plan="第一季度需求评估；第二、三季度集中服务；第四季度总结评估。",
        risks="参与不足时通过楼栋长和网格员动员。",
        period_start=clock.today() + timedelta(days=45),
        period_end=clock.today() + timedelta(days=410),
        no_need_reason="" if needs else reason,
    )


def _indicators():
    return [
        designs.IndicatorLine("output", "开展服务活动", "场", Decimal(40)),
        designs.IndicatorLine("output", "服务居民", "人次", Decimal(600)),
        designs.IndicatorLine("outcome", "服务对象满意度", "%", Decimal(90)),
    ]


def _budget(total: Decimal):
    unit = (total / 10).quantize(Decimal("0.01"))
    return [
        designs.BudgetItem("社工人员劳务", unit, Decimal(6)),
        designs.BudgetItem("活动物料", unit, Decimal(3), "按场次据实列支"),
        designs.BudgetItem("宣传与培训", unit, Decimal(1)),
    ]


def _consult(staff, community, needs, days_ago=7):
    consultation_record(
        user=staff,
        community=community,
        date=clock.today() - timedelta(days=days_ago),
        place=f"{community.name}议事厅",
        participants=_participants("default"),
        minutes="居民代表逐条讨论议题需求，经表决同意推进。",
        decisions=[(n, Decision.GO_FORWARD, "") for n in needs],
    )


def _draft(user, title, community, needs, total: Decimal, *, reason=""):
    """A design (项目书) in draft, with the demo's standard indicators and budget lines."""
    return designs.design_create(
        user=user,
        community=community,
        fields=_fields(title, community, needs, reason),
        indicators=_indicators(),
        budget_lines=_budget(total),
        needs=needs,
    )


def _submitted(user, title, community, needs, total: Decimal):
    return project_submit(project=_draft(user, title, community, needs, total), user=user)


def _design(title, community, needs, total: Decimal, *, reason=""):
    staff = _staff(community)
    if needs:
        _consult(staff, community, needs)
    return _draft(staff, title, community, needs, total, reason=reason)


@transaction.atomic
def approved_project(
    *,
    title: str,
    community_code: str,
    need_titles: list[str],
    budget,
    say=None,
    funding_source: str = FundingSource.FISCAL,
    category: str = Category.OTHER,
) -> Project:
    """An approved project from new published needs (or the existing one with this title)."""
    existing = Project.objects.filter(title=title).first()
    if existing:
        return existing
    community = Place.objects.get(code=community_code)
    residents = _residents(community)
    needs = [
        _published_need(
            community=community,
            author=residents[i % len(residents)],
            title=t,
            category=category,
            description=f"{t}：希望社区组织专业力量提供服务。",
            people=30 + 10 * i,
            endorsers=residents,
        )
        for i, t in enumerate(need_titles)
    ]
    budget = Decimal(str(budget))
    project = _design(title, community, needs, budget, reason="上级部署的重点民生项目")
    project = project_submit(project=project, user=_staff(community))
    project = project_approve(
        project=project,
        user=_purchaser(community),
        budget=budget,
        funding_source=funding_source,
        reason="符合年度政府购买服务指导目录，同意立项。",
    )
    if say:
        say(f"  已批准项目：{title}（{budget} 元）")
    return project


def _seed_needs() -> dict:
    made = {}
    for key, code, author, category, title, description, people in NEEDS:
        need = Need.objects.filter(title=title).first()
        if need is None:
            need = need_submit(
                user=demo.user(author),
                community=Place.objects.get(code=code),
                category=category,
                title=title,
                description=description,
                people_count=people,
                contact_phone=demo.user(author).phone or "",
            )
        made[key] = need
    return made


@seeding.register(20, "居民需求、协商与项目书")
@transaction.atomic
def seed_needs(say):
    if Project.objects.filter(title="翠湖西路社区居家养老服务项目").exists():
        say("  需求演示数据已存在，跳过。")
        return
    n = _seed_needs()
    staff, staff2, rural = demo.user("staff"), demo.user("staff2"), demo.user("staff_rural")
    for key in "abcdgjklmno":
        reviewer = {"j": staff2, "k": staff2, "l": staff2}.get(
            key, rural if key in "mno" else staff
        )
        n[key] = need_publish(need=n[key], user=reviewer)
    cuihu_people = [demo.user("resident"), demo.user("resident2")]
    for key in "abcd":
        for person in cuihu_people:
            if person.pk != n[key].author_id:
                need_endorse(need=n[key], user=person)
    need_endorse(need=n["g"], user=demo.user("resident2"))
    need_merge(need=n["g"], into=n["b"], user=staff, reason="与“社区老年食堂助餐服务”重复")
    need_reject(
        need=n["f"], user=staff, reason="属物业管理与城管执法事项，已转交物业和城管中队处理。"
    )
    need_withdraw(need=n["h"], user=demo.user("resident2"))
    cuihu = n["a"].community
    consultation_record(
        user=staff,
        community=cuihu,
        date=clock.today() - timedelta(days=10),
        place="翠湖西路社区党群服务中心二楼议事厅",
        participants=_participants("cuihu"),
        minutes="会议讨论了养老、助餐、儿童托管和无障碍改造4项需求。养老、助餐合并立项，"
        "儿童托管单独立项；无障碍改造涉及住建部门，暂缓。",
        decisions=[
            (n["a"], Decision.GO_FORWARD, ""),
            (n["b"], Decision.GO_FORWARD, ""),
            (n["c"], Decision.GO_FORWARD, ""),
            (n["d"], Decision.DEFER, "涉及老旧小区改造资金，待区住建局年度计划确定后再议。"),
        ],
    )
    # Approved: budget and funding source fixed.
    project = _submitted(
        staff, "翠湖西路社区居家养老服务项目", cuihu, [n["a"], n["b"]], Decimal("180000")
    )
    project_approve(
        project=project,
        user=demo.user("purchaser"),
        budget=Decimal("180000"),
        funding_source=FundingSource.FISCAL,
        reason="同意立项。",
    )
    # Draft.
    _draft(staff, "翠湖西路社区“四点半课堂”项目", cuihu, [n["c"]], Decimal("60000"))
    # Submitted and returned (水晶宫社区).
    sjg = n["j"].community
    consultation_record(
        user=staff2,
        community=sjg,
        date=clock.today() - timedelta(days=8),
        place="水晶宫社区居委会会议室",
        participants=_participants("shuijinggong"),
        minutes="同意推进助残康复和便民服务点两项需求。",
        decisions=[(n["j"], Decision.GO_FORWARD, ""), (n["k"], Decision.GO_FORWARD, "")],
    )
    _submitted(staff2, "水晶宫社区助残康复项目", sjg, [n["j"]], Decimal("95000"))
    returned = _submitted(staff2, "水晶宫社区便民服务站项目", sjg, [n["k"]], Decimal("150000"))
    project_return(
        project=returned,
        user=demo.user("purchaser"),
        reason="预算中场地租金偏高，请补充服务点选址和运营方案后再报。",
    )
    # Approved (石林 village, the county purchases).
    village = n["m"].community
    consultation_record(
        user=rural,
        community=village,
        date=clock.today() - timedelta(days=12),
        place="西街口村委会",
        participants=_participants("village"),
        minutes="同意推进留守儿童关爱；核桃技术培训纳入农业部门培训计划，暂缓。",
        decisions=[
            (n["m"], Decision.GO_FORWARD, ""),
            (n["n"], Decision.DEFER, "县农业农村局已安排技术培训，先行对接。"),
        ],
    )
    p5 = _submitted(rural, "西街口村留守儿童关爱项目", village, [n["m"]], Decimal("120000"))
    project_approve(
        project=p5,
        user=demo.user("purchaser_county"),
        budget=Decimal("120000"),
        funding_source=FundingSource.WELFARE_LOTTERY,
        reason="同意立项。",
    )
    approved_project(
        title="水晶宫社区长者健康管理项目",
        community_code=demo.SHUIJINGGONG,
        need_titles=["高血压糖尿病老人健康管理"],
        budget=90000,
        say=say,
        category=Category.HEALTH,
    )
    approved_project(
        title="翠湖西路社区青少年成长营项目",
        community_code=demo.CUIHU,
        need_titles=["青少年周末成长营"],
        budget=60000,
        say=say,
        category=Category.CHILDREN,
        funding_source=FundingSource.CHARITY,
    )
    counts = {s.label: Need.objects.filter(state=s).count() for s in NeedState}
    say("  需求：" + "，".join(f"{k} {v}" for k, v in counts.items()))
    say(f"  项目书：{Project.objects.filter(state=ProjectState.DRAFT).count()} 份草稿等")

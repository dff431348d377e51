"""Core demonstration data: the Yunnan place tree, a demo login for every role, organisations.

Later stages' seeders (registered in their apps) build needs, projects, tenders and
evaluations on top of these users through the real services.
"""

from datetime import date

from django.db import transaction

from . import seeding
from .models import Organisation, OrganisationType, Place, Role, RoleAssignment, User
from .services.places import places_load
from .validators import credit_code_check_digit

DEMO_PASSWORD = "demo12345"

# Real places: an urban community in Kunming's Wuhua district, its neighbour, and a rural
# village in Shilin Yi Autonomous County.
CUIHU = "530102001001"  # 五华区 华山街道 翠湖西路社区
SHUIJINGGONG = "530102001002"  # 五华区 华山街道 水晶宫社区
HUASHAN = "530102001000"  # 五华区 华山街道
WUHUA = "530102000000"  # 五华区
SHILIN_VILLAGE = "530126105201"  # 石林县 西街口镇 (first village)
SHILIN = "530126000000"  # 石林彝族自治县

ORGANISATIONS = [
    # (key, name, type, place code, rating, evaluation agency)
    (
        "sunshine",
        "昆明市五华区阳光社会工作服务中心",
        OrganisationType.SOCIAL_SERVICE,
        WUHUA,
        "4A",
        False,
    ),
    ("kangning", "五华区康宁居家养老服务中心", OrganisationType.SOCIAL_SERVICE, WUHUA, "3A", False),
    (
        "tongxin",
        "昆明市同心社会工作服务社",
        OrganisationType.SOCIAL_SERVICE,
        "530100000000",
        "5A",
        False,
    ),
    ("shilin", "石林县彝乡妇女儿童发展协会", OrganisationType.SOCIAL_GROUP, SHILIN, "3A", False),
    (
        "pingjia",
        "云南明鉴社会服务评估中心",
        OrganisationType.SOCIAL_SERVICE,
        "530000000000",
        "4A",
        True,
    ),
]

# username, name, phone, [(role, place code or None, organisation key or None, title)]
USERS = [
    ("resident", "李秀兰", "13800001001", [(Role.RESIDENT, CUIHU, None, "")]),
    ("resident2", "王建国", "13800001002", [(Role.RESIDENT, CUIHU, None, "")]),
    ("resident3", "赵丽", "13800001003", [(Role.RESIDENT, SHUIJINGGONG, None, "")]),
    ("villager", "普阿妹", "13800001004", [(Role.RESIDENT, SHILIN_VILLAGE, None, "")]),
    ("staff", "陈静", "13800002001", [(Role.COMMUNITY_STAFF, CUIHU, None, "翠湖西路社区居委会")]),
    (
        "staff2",
        "杨帆",
        "13800002002",
        [(Role.COMMUNITY_STAFF, SHUIJINGGONG, None, "水晶宫社区居委会")],
    ),
    (
        "staff_rural",
        "毕志强",
        "13800002003",
        [(Role.COMMUNITY_STAFF, SHILIN_VILLAGE, None, "村委会")],
    ),
    ("purchaser", "刘洋", "13800003001", [(Role.PURCHASER, HUASHAN, None, "华山街道办事处")]),
    (
        "purchaser_county",
        "孙敏",
        "13800003002",
        [(Role.PURCHASER, SHILIN, None, "石林彝族自治县民政局")],
    ),
    ("org_admin", "周明", "13800004001", [(Role.ORG_ADMIN, None, "sunshine", "主任")]),
    (
        "social_worker",
        "吴婷",
        "13800004002",
        [
            (Role.SOCIAL_WORKER, None, "sunshine", "社会工作师"),
            (Role.ORG_MEMBER, None, "sunshine", "项目主管"),
        ],
    ),
    ("org_admin2", "郑伟", "13800004003", [(Role.ORG_ADMIN, None, "kangning", "主任")]),
    ("org_admin3", "冯雪", "13800004004", [(Role.ORG_ADMIN, None, "tongxin", "理事长")]),
    ("org_admin4", "李春花", "13800004005", [(Role.ORG_ADMIN, None, "shilin", "会长")]),
    ("evaluator", "黄教授", "13800005001", [(Role.EVALUATOR, None, None, "云南大学社会学系")]),
    ("evaluator2", "何老师", "13800005002", [(Role.EVALUATOR, None, None, "昆明学院")]),
    ("evaluator3", "马律师", "13800005003", [(Role.EVALUATOR, None, None, "律师事务所")]),
    ("evaluator4", "罗会计", "13800005004", [(Role.EVALUATOR, None, None, "会计师事务所")]),
    ("evaluator5", "段主任", "13800005005", [(Role.EVALUATOR, None, None, "社工督导")]),
    (
        "third_party",
        "施评估",
        "13800005006",
        [(Role.EVALUATOR, None, None, "第三方评估"), (Role.ORG_MEMBER, None, "pingjia", "评估师")],
    ),
    ("editor", "宣传干事小唐", "13800006001", [(Role.EDITOR, None, None, "民政局宣传科")]),
    ("reviewer", "审核员老许", "13800006002", [(Role.REVIEWER, None, None, "民政局办公室")]),
]


def demo_credit_code(index: int, org_type: str, place_code: str) -> str:
    category = {"social_group": "1", "social_service": "2", "foundation": "3"}[org_type]
    first17 = f"5{category}{place_code[:6]}MJ{index:07d}"
    return first17 + credit_code_check_digit(first17)


def organisation(key: str) -> Organisation:
    name = next(o[1] for o in ORGANISATIONS if o[0] == key)
    return Organisation.objects.get(name=name)


def user(username: str) -> User:
    return User.objects.get(username=username)


@seeding.register(10, "行政区划、演示账号与社会组织")
@transaction.atomic
def seed_core(say):
    created = places_load()
    say(f"  行政区划：新增 {created} 个（共 {Place.objects.count()} 个）")
    orgs = {}
    for i, (key, name, otype, place, rating, agency) in enumerate(ORGANISATIONS, start=1):
        orgs[key], _ = Organisation.objects.get_or_create(
            name=name,
            defaults=dict(
                credit_code=demo_credit_code(i, otype, place),
                type=otype,
                registration_authority="昆明市民政局"
                if place.startswith("5301")
                else "云南省民政厅",
                registered_on=date(2012 + i, 3, 1),
                rating=rating,
                place=Place.objects.get(code=place),
                is_evaluation_agency=agency,
            ),
        )
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "", DEMO_PASSWORD, name="系统管理员")
    for username, name, phone, roles in USERS:
        person, made = User.objects.get_or_create(
            username=username, defaults={"name": name, "phone": phone}
        )
        if made:
            person.set_password(DEMO_PASSWORD)
            person.save()
        for role, place, org, title in roles:
            RoleAssignment.objects.get_or_create(
                user=person,
                role=role,
                place=Place.objects.get(code=place) if place else None,
                organisation=orgs[org] if org else None,
                defaults={"title": title},
            )
    say(f"  演示账号（密码均为 {DEMO_PASSWORD}）：admin, " + ", ".join(u[0] for u in USERS))

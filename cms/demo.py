"""Demo content of the public site: two more completed projects (so that there are three
model cases), the cases themselves through the moderation workflow, and policy pages with
a PDF attachment. Idempotent: each item is keyed by its title."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from marketplace import demo, seeding

COMPLETED = [
    # (project title, community, organisation key); the first is the evaluations seeder's.
    ("翠湖西路社区“邻里守望”互助服务项目", demo.CUIHU, "sunshine"),
    ("水晶宫社区“居家养老”上门服务项目", demo.SHUIJINGGONG, "kangning"),
    ("翠湖西路社区“书香童年”儿童阅读服务项目", demo.CUIHU, "sunshine"),
]

CASES = {
    COMPLETED[0][0]: (
        "邻里守望：把独居老人“串”进社区互助网",
        "社工培育 30 余名低龄老人志愿者结对独居长者，每周探访，形成“楼栋长—志愿者—社工”三级守望网络。",
        "翠湖西路社区 60 岁以上老人占三成，独居、空巢老人多。项目由居民在平台上提出的需求发起，"
        "社区协商会议确定“以老助老”的思路，阳光社工中心中标承接。",
        "以前一个人在家摔倒了都没人知道，现在每周都有人来敲门。",
        "受助老人 张奶奶",
    ),
    COMPLETED[1][0]: (
        "居家养老上门服务：让长者在家门口安享晚年",
        "康宁居家养老服务中心为水晶宫社区高龄、失能老人提供助洁、助浴、健康监测等上门服务，满意度居全区前列。",
        "项目回应了居民提出的“高龄老人上门照护”需求。社工逐户评估老人需要，制定个案服务计划，"
        "联动社区卫生服务站开展健康监测，志愿者参与陪伴和代购。",
        "社工和志愿者每次来都很耐心，家里人也放心多了。",
        "服务对象家属 王先生",
    ),
    COMPLETED[2][0]: (
        "书香童年：社区书屋里的“四点半”陪伴",
        "盘活社区闲置书屋，大学生志愿者与社工每周开展亲子共读和阅读小组，双职工家庭的孩子放学后有了去处。",
        "项目由家长在平台上提出的“放学后无人看护”需求发起。社工设计了分龄阅读小组和家长读书会，"
        "并建立了社区志愿者轮值制度，保证书屋每个工作日下午开放。",
        "孩子现在每天放学都要去书屋，回家还给我们讲故事。",
        "参与家庭 李女士",
    ),
}

POLICIES = [
    (
        "国务院办公厅关于政府向社会力量购买服务的指导意见",
        "国务院办公厅",
        "国办发〔2013〕96号",
        date(2013, 9, 26),
        "明确政府向社会力量购买服务的总体方向、购买主体、承接主体、购买内容、购买机制和资金管理，"
        "要求建立健全由购买主体、服务对象及第三方组成的综合性评审机制。",
    ),
    (
        "民政部 财政部关于政府购买社会工作服务的指导意见",
        "民政部 财政部",
        "民发〔2012〕196号",
        date(2012, 11, 14),
        "提出政府购买社会工作服务的主要内容、购买主体与承接主体、购买程序与监督管理，"
        "重点向城乡社区、困难群体和特殊人群倾斜。",
    ),
    (
        "政府购买服务管理办法",
        "财政部",
        "财政部令第102号",
        date(2020, 1, 3),
        "规定购买主体和承接主体、购买内容和目录、购买活动的实施、预算及财务管理、绩效管理和监督管理，"
        "要求购买主体加强全过程绩效管理，绩效评价结果作为支付和选择承接主体的参考。",
    ),
]


def _completed_project(title, community, org_key):
    """A contracted project delivered, evaluated twice and paid through the real services."""
    from evaluations import seed as ev
    from evaluations.models import Delivery, PaymentItem
    from evaluations.services.payments import payment_release
    from tenders.demo import contracted_project

    contract = contracted_project(
        title=title, organisation=org_key, community=community, budget=Decimal("120000")
    )
    if Delivery.objects.filter(contract=contract).exists():
        return contract.project
    delivery, worker = ev._started(contract, org_key)
    ev._logs(delivery, worker, 12)
    ev._evaluate(delivery, "mid", ev.ALL)
    ev._evaluate(delivery, "final", ev.ALL)
    for item in PaymentItem.objects.filter(contract=contract, state="pending"):
        payment_release(item=item, user=demo.user("purchaser"))
    return contract.project


@seeding.register(45, "更多已完成项目（优秀案例所写的项目）")
def seed_completed_projects(say):
    for title, community, org_key in COMPLETED[1:]:
        with transaction.atomic():
            project = _completed_project(title, community, org_key)
        say(f"  {project.title}：{project.get_state_display()}")


def _raw(*blocks):
    """StreamField raw data: [{"type": …, "value": …}]."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def _case_body(lead, quote, attribution):
    return _raw(
        ("heading", {"text": "项目缘起", "size": "h2"}),
        ("paragraph", f"<p>{lead}</p>"),
        ("quote", {"text": quote, "attribution": attribution}),
        ("heading", {"text": "经验与启示", "size": "h2"}),
        (
            "paragraph",
            "<p>需求由居民提出、经社区协商确定，项目书设定可测量的产出指标，"
            "执行日志逐次记录，评估由服务对象、社区、第三方和购买主体共同打分——"
            "每一步都在平台上公开，可复制、可推广。</p>",
        ),
    )


def seed_cases(say) -> int:
    from marketplace.models import Project

    from .models import CaseIndexPage, CasePage
    from .services.cases import case_approve, case_draft, case_submit

    index = CaseIndexPage.objects.first()
    editor, reviewer = demo.user("editor"), demo.user("reviewer")
    made = 0
    for project in Project.objects.filter(title__in=CASES, state="completed"):
        if CasePage.objects.filter(project=project).exists():
            continue
        title, summary, lead, quote, attribution = CASES[project.title]
        case = case_draft(
            index=index,
            user=editor,
            title=title,
            slug=f"case-{project.pk}",
            project=project,
            summary=summary,
            search_description=summary[:150],
            body=_case_body(lead, quote, attribution),
        )
        case_submit(case=case, user=editor)
        case_approve(case=case, user=reviewer)
        made += 1
    say(f"  优秀案例：新增 {made} 篇（编辑提交、审核员审核发布）")
    return made


def _policy_pdf(title, issuer, number, issued_on, text) -> bytes:
    from marketplace.documents import render_pdf

    context = dict(
        title=title, issuer=issuer, number=number, issued_on=issued_on, paragraphs=[text]
    )
    return render_pdf("cms/documents/policy.html", context)


def seed_policies(say) -> int:
    from .models import PolicyIndexPage, PolicyPage

    index = PolicyIndexPage.objects.first()
    Document = get_document_model()
    made = 0
    for n, (title, issuer, number, issued_on, text) in enumerate(POLICIES, start=1):
        if PolicyPage.objects.filter(title=title).exists():
            continue
        document = Document(title=f"{title}（摘要）")
        pdf = _policy_pdf(title, issuer, number, issued_on, text)
        document.file.save(f"policy-{n}.pdf", ContentFile(pdf), save=False)
        document.save()
        policy = PolicyPage(
            title=title,
            slug=f"policy-{n}",
            issuer=issuer,
            document_number=number,
            issued_on=issued_on,
            search_description=f"{issuer} {number}：{text[:80]}",
            body=_raw(("paragraph", f"<p>{text}</p>")),
            attachments=_raw(("attachment", {"document": document.pk, "title": "文件摘要（PDF）"})),
        )
        index.add_child(instance=policy)
        policy.save_revision(user=demo.user("reviewer")).publish()
        made += 1
    say(f"  政策文件：新增 {made} 篇（附 PDF）")
    return made

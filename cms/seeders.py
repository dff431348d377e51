"""Demo site: the Wagtail site, home and notice index (before tenders seed, so that the
tenders' own steps create their notices), then a catch-up pass and the CMS roles."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from marketplace import seeding

from .models import CaseIndexPage, HomePage, NoticeIndexPage, PolicyIndexPage
from .rounds import ROUND_KINDS, rounds_from
from .rounds import relevant as relevant_records
from .services.notices import TENDER_NOTICES, notice_publish

SITE_NAME = "三社联动项目平台"
EDITORS = "网站编辑"
REVIEWERS = "网站审核"


def site_setup() -> HomePage:
    """The default Site on a HomePage (replacing Wagtail's welcome page) and the notice index."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        welcome = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
        if welcome is not None:
            welcome.slug = "welcome-old"
            welcome.save(update_fields=["slug"])
        home = root.add_child(
            instance=HomePage(
                title=SITE_NAME,
                slug="home",
                seo_title="首页",
                search_description="云南三社联动项目平台：居民需求、项目采购公告、中标与合同公告、项目评估与优秀案例。",
            )
        )
        home.save_revision().publish()
        Site.objects.exclude(root_page=home).filter(is_default_site=True).update(
            is_default_site=False
        )
        Site.objects.update_or_create(
            hostname="127.0.0.1",
            port=80,
            defaults=dict(root_page=home, is_default_site=True, site_name=SITE_NAME),
        )
        Site.objects.exclude(root_page=home).delete()
        if welcome is not None:
            welcome.delete()
    if not NoticeIndexPage.objects.exists():
        index = home.add_child(
            instance=NoticeIndexPage(
                title="公告",
                slug="notices",
                search_description="采购公告、开标记录、流标公告、中标候选人公示、中标公告、合同公告、评估结果。",
            )
        )
        index.save_revision().publish()
    sections = [
        (
            CaseIndexPage,
            "优秀案例",
            "cases",
            "已完成项目中的优秀案例：做法、成效与项目的真实数据。",
        ),
        (PolicyIndexPage, "政策文件", "policies", "政府购买服务、社会工作与社区治理相关政策文件。"),
    ]
    for model, title, slug, description in sections:
        if not model.objects.exists():
            page = home.add_child(
                instance=model(title=title, slug=slug, search_description=description)
            )
            page.save_revision().publish()
    return home


@seeding.register(5, "公开网站（首页与公告栏目）")
@transaction.atomic
def seed_site(say):
    home = site_setup()
    say(f"  网站首页：{home.title}")


def notices_catch_up() -> int:
    """Make sure every tender has the notice of every step it went through, each award
    round its own award-proposal and award notice, and every published clarification, signed
    contract and closed evaluation its notice (idempotent)."""
    from evaluations.models import Evaluation
    from marketplace.models import TransitionRecord
    from tenders.models import Clarification, Contract, Tender

    tender_type = ContentType.objects.get_for_model(Tender)
    records = {}
    tender_records = TransitionRecord.objects.filter(content_type=tender_type)
    for record in relevant_records(tender_records).order_by("at", "pk"):
        records.setdefault(record.object_id, []).append(record)
    reached = {}
    for object_id, target in tender_records.values_list("object_id", "target"):
        reached.setdefault(object_id, set()).add(target)
    count = 0
    for tender in Tender.objects.select_related("project", "winning_bid__organisation"):
        rounds = rounds_from(records.get(tender.pk, []))
        for state in reached.get(tender.pk, set()) | {tender.state}:
            kind = TENDER_NOTICES.get(state)
            if kind is None or (kind in ROUND_KINDS and rounds):
                continue
            notice_publish(kind=kind, obj=tender)
            count += 1
        for each in rounds:
            for kind in ROUND_KINDS:
                if each.step(kind) is not None:
                    notice_publish(kind=kind, obj=tender, round=each.number)
                    count += 1
    steps = [
        ("clarification", Clarification.objects.filter(state="published")),
        ("contract", Contract.objects.filter(state="signed")),
        ("evaluation", Evaluation.objects.filter(state__in=["closed_pass", "closed_fail"])),
    ]
    for kind, objects in steps:
        for obj in objects:
            notice_publish(kind=kind, obj=obj)
            count += 1
    return count


def _page_permissions(group, page, codenames):
    for codename in codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _collection_permissions(group, codenames):
    collection = Collection.get_first_root_node()
    for app_label, codename in codenames:
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


MEDIA = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def cms_roles(home) -> tuple[Group, Group]:
    """Editors draft and submit for moderation; reviewers publish (Wagtail's workflow)."""
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    for group in (editors, reviewers):
        group.permissions.add(access)
        _collection_permissions(group, MEDIA)
    _page_permissions(editors, home, ["add_page", "change_page"])
    _page_permissions(
        reviewers, home, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
    )
    task, _ = GroupApprovalTask.objects.get_or_create(name="审核员审核")
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name="编辑提交、审核发布")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return editors, reviewers


@seeding.register(95, "公开网站（补齐公告、编辑与审核角色）")
@transaction.atomic
def seed_cms(say):
    from wagtail.users.models import UserProfile

    from marketplace.models import User

    home = site_setup()
    say(f"  公告：{notices_catch_up()} 项已核对")
    editors, reviewers = cms_roles(home)
    for username, group in (("editor", editors), ("reviewer", reviewers)):
        person = User.objects.filter(username=username).first()
        if person is None:
            continue
        person.groups.add(group)
        profile = UserProfile.get_for_user(person)
        if profile.preferred_language != "zh-hans":
            profile.preferred_language = "zh-hans"
            profile.save(update_fields=["preferred_language"])
    say("  网站后台 /cms-admin/：editor（编辑、提交审核），reviewer（审核发布）")
    if User.objects.filter(username__in=["editor", "reviewer"]).count() == 2:
        from .demo import seed_cases, seed_policies

        seed_cases(say)
        seed_policies(say)

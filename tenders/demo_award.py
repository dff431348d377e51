"""Demonstration questions, an objection, countersignatures and a supplementary agreement.

Made through the real services on the tenders that tenders/demo.py seeded; each part is
skipped when its tender already has what it would add (seed_demo stays idempotent).
"""

from decimal import Decimal

from django.db import transaction

from marketplace import demo, seeding

from .demo import ADMINS, CONTRACTED, PEOPLE, SCENARIOS
from .models import Contract, Tender, TenderState
from .services import clarifications, contracts, objections

TITLES = {stage: title for stage, title, _community, _bidders in SCENARIOS}


def _tender(stage: str) -> Tender | None:
    return Tender.objects.filter(project__title=TITLES[stage]).select_related("project").first()


def _purchaser(tender):
    return demo.user(PEOPLE[tender.project.community.code][1])


def _questions(say):
    tender = _tender("published")
    if tender is None or tender.state != TenderState.PUBLISHED or tender.questions.exists():
        return
    asked = clarifications.question_ask(
        tender=tender,
        organisation=demo.organisation("kangning"),
        user=demo.user(ADMINS["kangning"]),
        text="服务对象是否包括辖区内的流动儿童？活动场地由谁提供？",
    )
    clarifications.question_answer(
        question=asked,
        user=_purchaser(tender),
        answer="包括在辖区居住满 3 个月的流动儿童；活动场地由社区党群服务中心提供。",
    )
    clarifications.question_ask(
        tender=tender,
        organisation=demo.organisation("tongxin"),
        user=demo.user(ADMINS["tongxin"]),
        text="是否要求驻点社工每周在岗 5 天？",
    )
    clarifications.clarification_publish(
        tender=tender,
        user=_purchaser(tender),
        text="采购文件第三章“服务内容”中“每月开展活动不少于 4 场”更正为“每月开展活动不少于 3 场”。",
        affects_bids=True,
    )
    say(f"  答疑与澄清：{tender.title}（1 条已答复，1 条待答复，1 份澄清公告）")


def _objection(say):
    tender = _tender("award_proposed")
    if tender is None or tender.state != TenderState.AWARD_PROPOSED or tender.objections.exists():
        return
    loser = tender.bids.exclude(pk=tender.winning_bid_id).order_by("price").first()
    key = next(k for k in ADMINS if demo.organisation(k) == loser.organisation)
    objections.objection_file(
        tender=tender,
        organisation=loser.organisation,
        user=demo.user(ADMINS[key]),
        text="我方“团队与专业能力”得分明显偏低：我方持证社工 4 名，多于拟中标人，请复核评分。",
    )
    say(f"  质疑待答复：{tender.title}")


def _contracts(say):
    for title, org, _community in CONTRACTED:
        contract = Contract.objects.filter(project__title=title).select_related("tender").first()
        if contract is None or contract.countersigned_at:
            continue
        contracts.contract_countersign(contract=contract, user=demo.user(ADMINS[org]))
    first = Contract.objects.filter(project__title=CONTRACTED[0][0]).first()
    if first is not None and not first.supplements.exists():
        contracts.supplement_add(
            contract=first,
            user=_purchaser(first.tender),
            amount=(first.amount * Decimal("0.05")).quantize(Decimal("0.01")),
            content="增加春节期间独居老人每日电话问候服务。",
        )
        say(f"  补充协议：{first.project.title}")


@seeding.register(31, "答疑、质疑、合同双方签署与补充协议")
def seed_award(say):
    for part in (_questions, _objection, _contracts):
        with transaction.atomic():
            part(say)

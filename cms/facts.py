"""The legal facts shown on a notice, read live from the object it is about.

Nothing here can be edited in the CMS: change the tender and the notice shows the new value.
An award round's winner, price and publicity end are the exception: copied onto the notice
(non-editable) when it is made, so that the notice of a round withdrawn by a reopened award
(质疑成立, 重新评审) still names its own winner and says that it was withdrawn.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.masking import mask_in_text

from .models.notices import NoticeKind


@dataclass
class Facts:
    rows: list[tuple[str, str]] = field(default_factory=list)
    criteria: list[tuple[str, str]] = field(default_factory=list)
    bids: list[dict] = field(default_factory=list)
    summary: str = ""
    withdrawn: str = ""  # an award round withdrawn by a reopened award: when and why
    project_id: int | None = None  # for the link to the public project page

    def add(self, label, value):
        if value not in (None, ""):
            self.rows.append((str(label), show(value)))


def show(value) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y年%m月%d日 %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y年%m月%d日")
    if isinstance(value, Decimal):
        return _("%(amount)s 元") % {"amount": f"{value:,.2f}"}
    return str(value)


def number(value: Decimal) -> str:
    """20.00 → 20, 12.50 → 12.5."""
    return f"{Decimal(value).normalize():f}"


def _tender_basics(facts: Facts, tender) -> None:
    project = tender.project
    facts.add(_("采购项目名称"), tender.title)
    facts.add(_("项目"), project.title)
    facts.add(_("服务地点"), project.community.path_name)
    facts.add(_("采购人"), project.purchaser_place.path_name)
    facts.add(_("采购方式"), tender.get_method_display())
    facts.add(_("最高限价"), tender.ceiling_price)


def _failure_reason(tender) -> str:
    """The recorded reason of a 流标 after the eligibility review (资格审查后有效投标不足N家…),
    read from the transition record; "" for a tender that failed at opening."""
    from marketplace.selectors import records_of

    record = (
        records_of(tender).filter(transition="fail_after_review").order_by("-at", "-pk").first()
    )
    return record.reason if record else ""


def _tender(facts: Facts, tender, kind: str, notice=None) -> None:
    _tender_basics(facts, tender)
    if kind in (NoticeKind.TENDER, NoticeKind.CLARIFICATION):
        facts.add(_("发布时间"), tender.published_at)
        facts.add(_("投标截止时间"), tender.deadline)
        facts.add(_("资格要求"), tender.eligibility)
        facts.add(_("有效投标最少家数"), tender.min_valid_bids)
        facts.add(_("价格分权重"), f"{number(tender.price_weight)}%")
        facts.criteria = [(c.name, number(c.weight)) for c in tender.criteria.all()]
        facts.summary = _("投标截止时间：%(deadline)s；最高限价：%(ceiling)s。") % {
            "deadline": show(tender.deadline),
            "ceiling": show(tender.ceiling_price),
        }
    elif kind == NoticeKind.BID_OPENING:
        facts.add(_("投标截止时间"), tender.deadline)
        facts.add(_("开标时间"), tender.opened_at)
        if not tender.is_sealed:
            # Published at opening so that every bidder can check its own digest.
            facts.bids = [
                {"organisation": b.organisation.name, "price": show(b.price), "digest": b.digest}
                for b in tender.bids.exclude(state__in=["replaced", "withdrawn"])
                .select_related("organisation")
                .order_by("pk")
            ]
        facts.summary = _("%(count)s 家社会组织投标。") % {"count": len(facts.bids)}
    elif kind == NoticeKind.FAILED:
        facts.add(_("投标截止时间"), tender.deadline)
        facts.add(_("有效投标最少家数"), tender.min_valid_bids)
        facts.summary = _failure_reason(tender) or _("有效投标不足，本次采购流标。")
    elif kind in (NoticeKind.AWARD_PROPOSAL, NoticeKind.AWARD):
        _award(facts, tender, kind, notice)


def _award(facts: Facts, tender, kind: str, notice) -> None:
    """中标候选人公示 / 中标公告 of one award round: the round's own winner (frozen on the
    notice), and, once the award was reopened, that this round was withdrawn."""
    from .rounds import award_rounds

    number = notice.round if notice is not None else 1
    this = award_rounds(tender).get(number)
    reopened = this.reopened if this is not None else None
    live = reopened is None
    frozen = notice is not None and bool(notice.award_winner)
    bid = tender.winning_bid if live else None
    if frozen:
        winner, price, ends = (
            notice.award_winner,
            notice.award_price,
            notice.award_publicity_ends_at,
        )
    elif bid is not None:
        winner, price, ends = bid.organisation.name, bid.price, tender.publicity_ends_at
    else:
        winner, price, ends = None, None, tender.publicity_ends_at if live else None
    proposal = kind == NoticeKind.AWARD_PROPOSAL
    facts.add(_("中标候选人") if proposal else _("中标人"), winner)
    facts.add(_("投标报价"), price)
    if proposal:
        facts.add(_("公示期截止"), ends)
        if ends and live:
            facts.summary = _("公示期至 %(ends)s 止，期间可提出质疑。") % {"ends": show(ends)}
    else:
        awarded = this.awarded if this is not None else None
        facts.add(_("定标时间"), awarded.at if awarded is not None else tender.awarded_at)
    if reopened is not None:
        facts.withdrawn = _(
            "本轮%(kind)s已于 %(date)s 撤销，重新评审确定中标人。理由：%(reason)s"
        ) % {
            "kind": NoticeKind(kind).label,
            "date": show(reopened.at),
            "reason": mask_in_text(reopened.reason) or _("质疑成立"),
        }
        facts.summary = facts.withdrawn


def _contract(facts: Facts, contract) -> None:
    tender = contract.tender
    _tender_basics(facts, tender)
    facts.add(_("承接方"), contract.organisation.name)
    facts.add(_("合同金额"), contract.amount)
    facts.add(_("服务期限"), f"{show(contract.start_date)} 至 {show(contract.end_date)}")
    facts.add(_("签署时间"), contract.signed_at)
    facts.add(_("服务标准"), contract.service_standard)
    facts.summary = _("合同金额：%(amount)s。") % {"amount": show(contract.amount)}


def _evaluation(facts: Facts, evaluation) -> None:
    project = evaluation.delivery.project
    facts.add(_("项目"), project.title)
    facts.add(_("服务地点"), project.community.path_name)
    if project.organisation_id:
        facts.add(_("承接方"), project.organisation.name)
    facts.add(_("评估类型"), evaluation.get_kind_display())
    facts.add(_("结束时间"), evaluation.closed_at)
    facts.add(_("总分"), number(evaluation.total) if evaluation.total is not None else None)
    facts.add(_("等级"), evaluation.get_grade_display())
    facts.criteria = [
        (f"{p.get_kind_display()}（{p.weight}%）", number(p.score.score))
        for p in evaluation.parties.select_related("score")
        if getattr(p, "score", None) is not None
    ]
    facts.summary = _("%(kind)s总分 %(total)s，等级：%(grade)s。") % {
        "kind": evaluation.get_kind_display(),
        "total": number(evaluation.total or 0),
        "grade": evaluation.get_grade_display(),
    }
    facts.project_id = project.pk


def _clarification(facts: Facts, clarification) -> None:
    """澄清公告: the text, and the deadline as it now stands (moved when it was too close)."""
    tender = clarification.tender
    _tender_basics(facts, tender)
    facts.add(_("澄清发布时间"), clarification.published_at)
    if clarification.new_deadline:
        facts.add(_("原投标截止时间"), clarification.previous_deadline)
    facts.add(_("投标截止时间"), tender.deadline)
    facts.add(_("澄清或修改内容"), clarification.text)
    if clarification.new_deadline:
        facts.summary = _("距投标截止不足法定期限，投标截止时间顺延至 %(deadline)s。") % {
            "deadline": show(clarification.new_deadline)
        }
    else:
        facts.summary = _("投标截止时间：%(deadline)s。") % {"deadline": show(tender.deadline)}


def facts_for(kind: str, obj, notice=None) -> Facts:
    """The facts of notice `kind` about `obj`; `notice` (the page) for an award round's."""
    facts = Facts()
    if obj is None:
        return facts
    label = obj._meta.label
    if label == "tenders.Tender":
        _tender(facts, obj, kind, notice)
        facts.project_id = obj.project_id
    elif label == "tenders.Contract":
        _contract(facts, obj)
        facts.project_id = obj.project_id
    elif label == "evaluations.Evaluation":
        _evaluation(facts, obj)
    elif label == "tenders.Clarification":
        _clarification(facts, obj)
    else:
        facts.add(obj._meta.verbose_name, obj)
        names = {f.name: f.verbose_name for f in obj._meta.concrete_fields}
        for name in ("total", "score", "grade"):
            if name in names:
                value = getattr(obj, f"get_{name}_display", lambda n=name: getattr(obj, n))()
                facts.add(names[name], value)
    return facts

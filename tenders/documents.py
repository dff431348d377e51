"""PDF documents of this app: bid receipt, contract, tender document, panel report (once per version)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace import documents

from . import rules


def _receipt_can_view(bid, user) -> bool:
    # The receipt shows the sealed bid: only its organisation (and after opening purchaser/panel).
    return rules.can_read_bid(bid, user)


def _contract_can_view(contract, user) -> bool:
    from marketplace import rules as core_rules

    return core_rules.can_decide(contract.project, user) or core_rules.is_member_of(
        user, contract.organisation
    )


def _contract_version(contract) -> str:
    """A new file when signed, countersigned or supplemented (补充协议 are part of it)."""
    if not contract.signed_at:
        return contract.state
    parts = [contract.state, f"{contract.signed_at:%Y%m%d%H%M%S}"]
    if contract.countersigned_at:
        parts.append(f"c{contract.countersigned_at:%Y%m%d%H%M%S}")
    supplements = contract.supplements.count()
    if supplements:
        parts.append(f"s{supplements}")
    return "-".join(parts)


documents.register(
    documents.DocumentKind(
        name="bid_receipt",
        model="tenders.Bid",
        title=lambda bid: _("投标回执-%(no)s") % {"no": bid.receipt_no},
        template="tenders/documents/receipt.html",
        context=lambda bid: {"bid": bid, "tender": bid.tender},
        version=lambda bid: bid.digest[:16],
        can_view=_receipt_can_view,
    )
)
documents.register(
    documents.DocumentKind(
        name="contract",
        model="tenders.Contract",
        title=lambda c: _("政府购买服务合同-%(t)s") % {"t": c.project.title},
        template="tenders/documents/contract.html",
        context=lambda c: {
            "contract": c,
            "tender": c.tender,
            "project": c.project,
            "supplements": list(c.supplements.all()),
        },
        version=_contract_version,
        can_view=_contract_can_view,
    )
)


def _tender_document_can_view(tender, user) -> bool:
    # The tender document is public once published (the purchaser sees the draft).
    return rules.can_see_tender(tender, user)


def _tender_document_context(tender) -> dict:
    from . import periods

    return {
        "tender": tender,
        "project": tender.project,
        "criteria": list(tender.criteria.all()),
        "minimum_days": periods.FLOOR_DAYS.get(tender.method),
        "required_documents": REQUIRED_DOCUMENTS,
    }


def _tender_document_version(tender) -> str:
    import hashlib

    terms = [
        tender.title,
        tender.method,
        str(tender.ceiling_price),
        str(tender.price_weight),
        tender.eligibility,
        f"{tender.deadline:%Y%m%d%H%M}",
        f"{tender.published_at:%Y%m%d%H%M}" if tender.published_at else "draft",
        str(tender.documents_until),  # moves when the year's 调休 is announced
        *[f"{c.name}|{c.weight}|{c.guidance}" for c in tender.criteria.all()],
    ]
    return hashlib.sha256("\n".join(terms).encode()).hexdigest()[:16]


# What every bid must contain (响应文件组成), printed in the tender document.
REQUIRED_DOCUMENTS = [
    gettext_lazy("投标函及投标报价（不得高于最高限价）"),
    gettext_lazy("社会组织登记证书、统一社会信用代码证明"),
    gettext_lazy("近三年无重大违法记录、未被列入失信名单的书面声明"),
    gettext_lazy("服务方案：需求分析、服务内容与活动计划、产出指标"),
    gettext_lazy("项目团队：持证社会工作者名单、督导安排"),
    gettext_lazy("与本项目其他投标人不存在关联关系（负责人为同一人或控股、管理关系）的声明"),
]


def _panel_report_can_view(tender, user) -> bool:
    from . import selectors

    if tender.is_sealed:
        return False
    seat = selectors.seat_of(user, tender)
    return rules.can_decide(tender, user) or (seat is not None and not seat.has_conflict)


def _panel_report_context(tender) -> dict:
    from . import panel_report

    data = panel_report.report_data(tender)
    return {**data, "digest": panel_report.report_digest(tender, data)}


def _panel_report_version(tender) -> str:
    """A new report when its content changes or another member confirms it."""
    import hashlib

    from . import panel_report

    digest = panel_report.report_digest(tender)
    signed = sorted(tender.panel.filter(report_digest=digest).values_list("pk", flat=True))
    return hashlib.sha256(f"{digest}{signed}".encode()).hexdigest()[:16]


documents.register(
    documents.DocumentKind(
        name="tender_document",
        model="tenders.Tender",
        title=lambda t: _("采购文件-%(t)s") % {"t": t.title},
        template="tenders/documents/tender_document.html",
        context=_tender_document_context,
        version=_tender_document_version,
        can_view=_tender_document_can_view,
    )
)
documents.register(
    documents.DocumentKind(
        name="panel_report",
        model="tenders.Tender",
        title=lambda t: _("评标报告-%(t)s") % {"t": t.title},
        template="tenders/documents/panel_report.html",
        context=_panel_report_context,
        version=_panel_report_version,
        can_view=_panel_report_can_view,
    )
)

"""PDF documents of this app: the bid receipt and the contract (rendered once per version)."""

from django.utils.translation import gettext as _

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

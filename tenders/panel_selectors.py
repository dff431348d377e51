"""Reads about the panel: who is seated, eligibility, exclusions, recusal requests."""

from collections import defaultdict

from . import panel_rules
from .models import (
    Bid,
    BidState,
    EligibilityCheck,
    Exclusion,
    PanelMember,
    RecusalRequest,
    Score,
    Tender,
)
from .models.bid import OPENED_STATES


def seated_members(tender: Tender) -> list[PanelMember]:
    """Members not excluded (回避), in appointment order."""
    return list(tender.panel.filter(has_conflict=False).select_related("evaluator").order_by("pk"))


def composition_errors(tender: Tender, members) -> list[str]:
    kinds = [m.kind for m in members]
    return panel_rules.composition_errors(
        tender.method, tender.ceiling_price, tender.is_complex, kinds
    )


def bidder_organisation_ids(tender: Tender) -> set[int]:
    """Organisations whose bids took part in the opening (known only after it)."""
    if tender.is_sealed:
        return set()
    return set(
        Bid.objects.filter(tender=tender, state__in=OPENED_STATES).values_list(
            "organisation_id", flat=True
        )
    )


def bidders(tender: Tender):
    from marketplace.models import Organisation

    return Organisation.objects.filter(pk__in=bidder_organisation_ids(tender)).order_by("pk")


def valid_bid_ids(tender: Tender) -> list[int]:
    return list(
        Bid.objects.filter(tender=tender, state=BidState.VALID)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def eligibility_table(tender: Tender, seated) -> dict[int, dict[int, EligibilityCheck]]:
    """{bid id: {member id: check}} for the seated members."""
    table: dict[int, dict[int, EligibilityCheck]] = defaultdict(dict)
    checks = EligibilityCheck.objects.filter(member__in=[m.pk for m in seated])
    for check in checks:
        table[check.bid_id][check.member_id] = check
    return table


def eligibility_complete(tender: Tender, seated=None) -> bool:
    seated = seated_members(tender) if seated is None else seated
    bids = valid_bid_ids(tender)
    if not seated or not bids:
        return False
    done = EligibilityCheck.objects.filter(
        member__in=[m.pk for m in seated], bid_id__in=bids
    ).count()
    return done == len(seated) * len(bids)


def checked_by(member: PanelMember, tender: Tender) -> bool:
    bids = valid_bid_ids(tender)
    done = EligibilityCheck.objects.filter(member=member, bid_id__in=bids).count()
    return bool(bids) and done == len(bids)


def qualified_bid_ids(tender: Tender, seated=None) -> set[int]:
    """Valid bids a majority of the seated panel found eligible; empty until all checked."""
    seated = seated_members(tender) if seated is None else seated
    if not eligibility_complete(tender, seated):
        return set()
    table = eligibility_table(tender, seated)
    verdicts = {bid: [c.passed for c in row.values()] for bid, row in table.items()}
    return panel_rules.qualified_bids(valid_bid_ids(tender), verdicts, len(seated))


def scoring_complete(tender: Tender) -> bool:
    seated = seated_members(tender)
    if not seated or composition_errors(tender, seated):
        return False
    qualified = qualified_bid_ids(tender, seated)
    criteria = tender.criteria.count()
    if not (qualified and criteria):
        return False
    scores = Score.objects.filter(member__in=[m.pk for m in seated], bid_id__in=qualified).count()
    return scores == len(seated) * len(qualified) * criteria


def exclusions_for(tender: Tender):
    return (
        Exclusion.objects.filter(member__tender=tender)
        .select_related("member__evaluator", "organisation")
        .order_by("pk")
    )


def recusal_requests_for(tender: Tender, organisation_ids=None):
    qs = RecusalRequest.objects.filter(member__tender=tender).select_related(
        "member__evaluator", "organisation"
    )
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    return qs.order_by("pk")


def detail_context(tender: Tender, user, *, deciding: bool, seat: PanelMember | None) -> dict:
    """What the tender page shows about the panel, invitations and re-tendering."""
    from . import panel_report
    from .models import TenderState
    from .rules import bidder_organisation_ids as own_organisations

    working = tender.state in (TenderState.OPENED, TenderState.EVALUATING)
    evaluating = tender.state == TenderState.EVALUATING
    ctx = {
        "exclusions": list(exclusions_for(tender)) if deciding else [],
        "pending_recusals": (
            recusal_requests_for(tender).filter(state="pending").count() if deciding else 0
        ),
        "panel_errors": [],
        "can_request_recusal": working
        and bool(own_organisations(user) & bidder_organisation_ids(tender)),
        "can_retender": deciding
        and tender.state == TenderState.FAILED
        and not tender.retenders.exists(),
        "seat_checked": False,
        "can_score": False,
        "report_ready": False,
        "seat_confirmed": False,
    }
    if deciding and not tender.is_sealed:
        ctx["panel_errors"] = composition_errors(tender, seated_members(tender))
    if evaluating and (deciding or (seat and not seat.has_conflict)):
        ctx["report_ready"] = scoring_complete(tender)
    if seat is not None and not seat.has_conflict and evaluating:
        ctx["seat_checked"] = checked_by(seat, tender)
        ctx["can_score"] = eligibility_complete(tender)
        if ctx["report_ready"]:
            ctx["seat_confirmed"] = seat.report_digest == panel_report.report_digest(tender)
    return ctx

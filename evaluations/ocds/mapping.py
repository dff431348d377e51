"""Tenders, awards, contracts and implementation as OCDS 1.1 releases (no ORM queries here).

The caller passes a tender loaded by `selectors.published_tenders()` (related rows and
transition records already fetched). One release per stage the tender reached, each with a
stable id `<ocid>-<stage>`; parties carry the roles they hold up to that stage. Bid facts
(tenderers, their number) appear only once the bids were opened; no person is named, no
phone or ID number is read.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from marketplace.masking import mask_in_text
from tenders.models import ContractState, TenderState
from tenders.models.tender import SEALED_STATES

T = TenderState
SCHEME = "CN-USCC"
COUNTRY = "中国"

# tender.status is a closed codelist; our finer state goes to tender.statusDetails.
TENDER_STATUS = {
    T.DRAFT: "planning",
    T.PUBLISHED: "active",
    T.CLARIFICATION: "active",
    T.CLOSED: "active",
    T.OPENED: "active",
    T.EVALUATING: "active",
    T.AWARD_PROPOSED: "active",
    T.AWARDED: "complete",
    T.CONTRACTED: "complete",
    T.FAILED: "unsuccessful",
    T.CANCELLED: "cancelled",
}
METHOD = {
    "open": "open",
    "venture": "open",
    "invited": "selective",
    "consultation": "selective",
    "negotiation": "limited",
    "single_source": "direct",
}
CONTRACT_STATUS = {
    ContractState.DRAFT: "pending",
    ContractState.SIGNED: "active",
    ContractState.TERMINATED: "terminated",
}
# The path a tender takes when its history is not recorded (rows made directly in tests).
CANONICAL_PATH = {
    T.PUBLISHED: [T.PUBLISHED],
    T.CLARIFICATION: [T.PUBLISHED, T.CLARIFICATION],
    T.CLOSED: [T.PUBLISHED, T.CLOSED],
    T.OPENED: [T.PUBLISHED, T.OPENED],
    T.FAILED: [T.PUBLISHED, T.OPENED, T.FAILED],
    T.EVALUATING: [T.PUBLISHED, T.OPENED, T.EVALUATING],
    T.AWARD_PROPOSED: [T.PUBLISHED, T.OPENED, T.EVALUATING, T.AWARD_PROPOSED],
    T.AWARDED: [T.PUBLISHED, T.OPENED, T.EVALUATING, T.AWARD_PROPOSED, T.AWARDED],
    T.CONTRACTED: [
        T.PUBLISHED,
        T.OPENED,
        T.EVALUATING,
        T.AWARD_PROPOSED,
        T.AWARDED,
        T.CONTRACTED,
    ],
    T.CANCELLED: [T.PUBLISHED, T.CANCELLED],
}


def ocid_prefix() -> str:
    return getattr(settings, "OCDS_OCID_PREFIX", "ocds-xxxxxx-")


def ocid(tender) -> str:
    return f"{ocid_prefix()}{tender.pk}"


def stamp(value) -> str | None:
    """RFC 3339 date-time in UTC (dates become midnight China time)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = timezone.make_aware(datetime.combine(value, time.min))
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def money(amount: Decimal) -> dict:
    return {"amount": float(amount), "currency": "CNY"}


def _drop_empty(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def buyer_id(tender) -> str:
    return f"CN-PLACE-{tender.project.purchaser_place.code}"


def buyer_name(tender) -> str:
    """The purchasing body is named by its place, as on the notices (采购人)."""
    place = tender.project.purchaser_place
    return place.path_name or place.name


def org_id(organisation) -> str:
    return f"{SCHEME}-{organisation.credit_code}"


def org_ref(organisation) -> dict:
    return {"id": org_id(organisation), "name": organisation.name}


@dataclass
class Parties:
    """Parties known so far, each with the roles it holds (OCDS replaces role lists on merge)."""

    tender: object
    entries: dict = field(default_factory=dict)

    def add_buyer(self, *roles):
        place = self.tender.project.purchaser_place
        entry = self.entries.setdefault(
            buyer_id(self.tender),
            {
                "id": buyer_id(self.tender),
                "name": buyer_name(self.tender),
                "address": {"region": place.path_name or place.name, "countryName": COUNTRY},
                "roles": [],
            },
        )
        entry["roles"] = sorted(set(entry["roles"]) | set(roles))

    def add_org(self, organisation, *roles):
        entry = self.entries.setdefault(
            org_id(organisation),
            {
                "id": org_id(organisation),
                "name": organisation.name,
                "identifier": {
                    "scheme": SCHEME,
                    "id": organisation.credit_code,
                    "legalName": organisation.name,
                },
                "roles": [],
            },
        )
        entry["roles"] = sorted(set(entry["roles"]) | set(roles))

    def snapshot(self) -> list[dict]:
        return [dict(e, roles=list(e["roles"])) for e in self.entries.values()]


def state_path(tender) -> list[tuple[str, datetime]]:
    """(state, when) for each state the tender reached, oldest first."""
    records = [r for r in getattr(tender, "ocds_records", []) if r.target in T.values]
    if records and records[-1].target == tender.state:
        return [(r.target, r.at) for r in records]
    fallback = {
        T.PUBLISHED: tender.published_at,
        T.OPENED: tender.opened_at,
        T.AWARDED: tender.awarded_at,
    }
    when = tender.published_at or tender.created_at
    path = []
    for state in CANONICAL_PATH.get(tender.state, []):
        when = fallback.get(state) or when
        path.append((state, when))
    return path


def opened_bids(tender) -> list:
    """Bids that took part in the opening; nothing at all while the tender is sealed."""
    if tender.state in SEALED_STATES or tender.is_sealed:
        return []
    return list(getattr(tender, "opened_bids", []))


def _tender_section(tender, state: str) -> dict:
    project = tender.project
    section = {
        "id": f"{tender.pk}",
        "title": tender.title,
        "description": mask_in_text(project.service_content),
        "status": TENDER_STATUS[state],
        "statusDetails": str(T(state).label),
        "value": money(tender.ceiling_price),
        "procurementMethod": METHOD.get(tender.method, "open"),
        "procurementMethodDetails": tender.get_method_display(),
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _criteria_text(tender),
        "eligibilityCriteria": mask_in_text(tender.eligibility),
        "tenderPeriod": _drop_empty(
            {"startDate": stamp(tender.published_at), "endDate": stamp(tender.deadline)}
        ),
        "procuringEntity": {"id": buyer_id(tender), "name": buyer_name(tender)},
    }
    return _drop_empty(section)


def _criteria_text(tender) -> str:
    parts = [f"{c.name} {c.weight.normalize():f}" for c in tender.criteria.all()]
    parts.append(f"价格 {tender.price_weight.normalize():f}")
    return "；".join(parts)


def _planning(tender) -> dict:
    project = tender.project
    budget = {
        "id": f"project-{project.pk}",
        "description": project.get_funding_source_display(),
        "project": project.title,
        "projectID": f"{project.pk}",
    }
    if project.approved_budget is not None:
        budget["amount"] = money(project.approved_budget)
    return {"budget": _drop_empty(budget)}


def award_id(tender) -> str:
    return f"{tender.pk}-award"


def _award(tender, status: str, when) -> dict:
    bid = tender.winning_bid
    return _drop_empty(
        {
            "id": award_id(tender),
            "title": tender.title,
            "status": status,
            "date": stamp(when),
            "value": money(bid.price),
            "suppliers": [org_ref(bid.organisation)],
        }
    )


def _base(tender, stage: str, when, tags: list[str], parties: Parties) -> dict:
    return {
        "ocid": ocid(tender),
        "id": f"{ocid(tender)}-{stage}",
        "date": stamp(when),
        "tag": tags,
        "initiationType": "tender",
        "language": "zh",
        "buyer": {"id": buyer_id(tender), "name": buyer_name(tender)},
        "parties": parties.snapshot(),
    }


def _after_opening(tender, state) -> bool:
    if state == T.CANCELLED:
        return tender.opened_at is not None
    return state not in SEALED_STATES


def tender_releases(tender) -> list[dict]:
    """The tender's releases, in date order (none for a draft: nothing is public yet)."""
    if tender.state == T.DRAFT:
        return []
    parties = Parties(tender)
    parties.add_buyer("buyer", "procuringEntity")
    releases = []
    bids = opened_bids(tender)
    floor = None
    seen: dict[str, int] = {}
    for state, when in state_path(tender):
        seen[state] = seen.get(state, 0) + 1
        stage = state if seen[state] == 1 else f"{state}-{seen[state]}"
        section = _tender_section(tender, state)
        tags = ["tenderUpdate"]
        extra = {}
        if state == T.PUBLISHED and not releases:
            tags = ["tender"]
            extra["planning"] = _planning(tender)
        if bids and _after_opening(tender, state):
            for bid in bids:
                parties.add_org(bid.organisation, "tenderer")
            section["numberOfTenderers"] = len(bids)
            section["tenderers"] = [org_ref(b.organisation) for b in bids]
            section["awardPeriod"] = {"startDate": stamp(tender.opened_at)}
        if state == T.AWARD_PROPOSED and tender.winning_bid_id:
            parties.add_org(tender.winning_bid.organisation, "tenderer", "supplier")
            tags = ["award"]
            extra["awards"] = [_award(tender, "pending", when)]
        if state in (T.AWARDED, T.CONTRACTED) and tender.winning_bid_id:
            parties.add_org(tender.winning_bid.organisation, "tenderer", "supplier")
            section["awardPeriod"] = _drop_empty(
                {"startDate": stamp(tender.opened_at), "endDate": stamp(tender.awarded_at)}
            )
            if state == T.AWARDED:
                tags = ["awardUpdate"]
                extra["awards"] = [_award(tender, "active", when)]
        if state == T.CANCELLED:
            tags = ["tenderCancellation"]
            if tender.winning_bid_id:
                extra["awards"] = [_award(tender, "cancelled", when)]
        if state == T.CONTRACTED:
            contract = _contract_of(tender)
            if contract is None:
                continue
            tags = ["contract"]
            when = contract.signed_at or when
            extra["contracts"] = [contract_section(tender, contract)]
        # A later stage is never dated before an earlier one (rows made out of order).
        when = floor = max(when, floor) if floor else when
        release = _base(tender, stage, when, tags, parties)
        release["tender"] = section
        release.update(extra)
        releases.append(release)
    from .implementation import implementation_releases

    releases.extend(implementation_releases(tender, parties, floor))
    return sorted(releases, key=lambda r: r["date"])


def _contract_of(tender):
    try:
        return tender.contract
    except type(tender).contract.RelatedObjectDoesNotExist:
        return None


def contract_id(tender) -> str:
    return f"{tender.pk}-contract"


def contract_section(tender, contract, *, implementation=None) -> dict:
    section = {
        "id": contract_id(tender),
        "awardID": award_id(tender),
        "title": tender.title,
        "description": mask_in_text(contract.service_standard),
        "status": CONTRACT_STATUS[contract.state],
        "period": {"startDate": stamp(contract.start_date), "endDate": stamp(contract.end_date)},
        "value": money(contract.amount),
        "dateSigned": stamp(contract.signed_at),
    }
    if implementation is not None:
        section["implementation"] = implementation
    return _drop_empty(section)

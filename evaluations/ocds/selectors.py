"""Reads for OCDS output: published tenders with everything the mapping needs, fetched in a
constant number of queries whatever the number of tenders."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch

from marketplace.models import TransitionRecord
from tenders.models import Bid, Contract, Tender, TenderState
from tenders.models.bid import OPENED_STATES

from . import mapping


def published_tenders():
    """Every tender that left the draft state, oldest first, with its related rows.

    Bids are fetched only for opened tenders (and only those that took part in the
    opening): a sealed bid is never even read for open data.
    """
    opened_bids = (
        Bid.objects.filter(state__in=OPENED_STATES, tender__opened_at__isnull=False)
        .select_related("organisation")
        .order_by("pk")
    )
    return (
        Tender.objects.exclude(state=TenderState.DRAFT)
        .select_related(
            "project__purchaser_place",
            "winning_bid__organisation",
            "contract__organisation",
            "contract__delivery",
        )
        .prefetch_related(
            "criteria",
            Prefetch("bids", queryset=opened_bids, to_attr="opened_bids"),
            "contract__payment_items",
            "contract__delivery__evaluations",
        )
        .order_by("pk")
    )


def with_records(tenders) -> list:
    """Attach the transition records of the tenders and their contracts (two queries)."""
    tenders = list(tenders)
    by_tender, by_contract = defaultdict(list), defaultdict(list)
    ids = [t.pk for t in tenders]
    contract_ids = [c.pk for t in tenders if (c := mapping._contract_of(t)) is not None]
    for r in TransitionRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Tender), object_id__in=ids
    ).order_by("at", "pk"):
        by_tender[r.object_id].append(r)
    if contract_ids:
        for r in TransitionRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(Contract),
            object_id__in=contract_ids,
            target="terminated",
        ).order_by("at", "pk"):
            by_contract[r.object_id].append(r)
    for tender in tenders:
        tender.ocds_records = by_tender.get(tender.pk, [])
        contract = mapping._contract_of(tender)
        tender.ocds_contract_records = by_contract.get(contract.pk, []) if contract else []
    return tenders


def releases_for(tenders) -> list[dict]:
    releases = []
    for tender in with_records(tenders):
        releases.extend(mapping.tender_releases(tender))
    return releases

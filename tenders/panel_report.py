"""评标报告: the panel's report as plain data (for the page, the PDF and the digest).

Each member confirms the report by its SHA-256 digest over a canonical serialisation of
its content; any change of a score, a verdict or the panel makes earlier confirmations
stale, so the award cannot be proposed on a report someone did not see.
"""

import hashlib
import json

from . import panel_selectors, selectors
from .models import Bid, Score, Tender


def report_data(tender: Tender) -> dict:
    seated = panel_selectors.seated_members(tender)
    members = list(tender.panel.select_related("evaluator").order_by("pk"))
    criteria = list(tender.criteria.all())
    bids = {
        b.pk: b
        for b in Bid.objects.filter(pk__in=panel_selectors.valid_bid_ids(tender)).select_related(
            "organisation"
        )
    }
    qualified = panel_selectors.qualified_bid_ids(tender, seated)
    table = panel_selectors.eligibility_table(tender, seated)
    eligibility = [
        {
            "bid": bids[pk],
            "checks": [table.get(pk, {}).get(m.pk) for m in seated],
            "qualified": pk in qualified,
        }
        for pk in sorted(bids)
    ]
    values = {
        (s.member_id, s.bid_id, s.criterion_id): s.value
        for s in Score.objects.filter(member__in=[m.pk for m in seated], bid_id__in=qualified)
    }
    scores = [
        {
            "bid": bids[pk],
            "rows": [
                {"criterion": c, "values": [values.get((m.pk, pk, c.pk)) for m in seated]}
                for c in criteria
            ],
        }
        for pk in sorted(qualified)
    ]
    ranking = [
        {"result": r, "organisation": bids[r.bid_id].organisation.name}
        for r in selectors.ranking_for(tender)
    ]
    return {
        "tender": tender,
        "members": members,
        "seated": seated,
        "criteria": criteria,
        "exclusions": list(panel_selectors.exclusions_for(tender)),
        "recusals": list(panel_selectors.recusal_requests_for(tender)),
        "eligibility": eligibility,
        "scores": scores,
        "ranking": ranking,
    }


def _canonical(data: dict) -> bytes:
    payload = {
        "tender": data["tender"].pk,
        "seated": [[m.pk, m.evaluator_id, m.kind] for m in data["seated"]],
        "exclusions": [
            [e.pk, e.member_id, e.organisation_id, e.reason] for e in data["exclusions"]
        ],
        "eligibility": [
            [row["bid"].pk, [[c.passed, c.note] if c else None for c in row["checks"]]]
            for row in data["eligibility"]
        ],
        "scores": [
            [
                row["bid"].pk,
                [[r["criterion"].pk, [str(v) for v in r["values"]]] for r in row["rows"]],
            ]
            for row in data["scores"]
        ],
        "ranking": [
            [r["result"].bid_id, str(r["result"].total), r["result"].rank] for r in data["ranking"]
        ],
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def report_digest(tender: Tender, data: dict | None = None) -> str:
    return hashlib.sha256(_canonical(data or report_data(tender))).hexdigest()

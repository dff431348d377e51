"""Bid receipts: SHA-256 over a canonical JSON serialisation (pure; no ORM).

Anyone holding the published fields can recompute the digest: sorted keys, no spaces,
UTF-8, the price as a string with two decimals.
"""

import hashlib
import json
from decimal import Decimal


def canonical_bid(
    *, tender_id: int, credit_code: str, price: Decimal, proposal: str, file_sha256: str
) -> bytes:
    payload = {
        "credit_code": credit_code,
        "file_sha256": file_sha256 or "",
        "price": f"{Decimal(price).quantize(Decimal('0.01'))}",
        "proposal": proposal,
        "tender": int(tender_id),
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def bid_digest(**fields) -> str:
    return hashlib.sha256(canonical_bid(**fields)).hexdigest()


def file_sha256(chunks) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(chunk)
    return h.hexdigest()

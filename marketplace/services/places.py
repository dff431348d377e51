"""Loading the administrative tree from a CSV of statistical codes."""

import csv
from pathlib import Path

from django.db import transaction

from ..models import Place

YUNNAN_CSV = Path(__file__).resolve().parent.parent / "data" / "places_yunnan.csv"


def _rows(path: Path):
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


@transaction.atomic
def places_load(*, path: Path = YUNNAN_CSV, only_prefixes: tuple[str, ...] = ()) -> int:
    """Create the places in `path` that do not exist yet; returns how many were created.

    `only_prefixes` keeps levels 1–3 whole and, below them, only codes under those prefixes
    (tests load one county instead of the province).
    """
    known = dict(Place.objects.values_list("code", "id"))
    names = dict(Place.objects.values_list("code", "path_name"))
    rows = sorted(_rows(path), key=lambda r: int(r["level"]))
    created = 0
    batch: list[Place] = []
    level = None
    for row in rows:
        lvl = int(row["level"])
        if only_prefixes and lvl > 3 and not row["code"].startswith(only_prefixes):
            continue
        if lvl != level:  # parents of this level must exist (and have ids) first
            created += _flush(batch, known)
            level = lvl
        if row["code"] in known:
            continue
        parent = row["parent_code"] or None
        path_name = f"{names.get(parent, '')} {row['name']}".strip() if parent else row["name"]
        names[row["code"]] = path_name
        batch.append(
            Place(
                code=row["code"],
                name=row["name"],
                level=lvl,
                parent_id=known.get(parent) if parent else None,
                urban_rural=row["urban_rural"],
                path_name=path_name,
            )
        )
    return created + _flush(batch, known)


def _flush(batch: list[Place], known: dict) -> int:
    if not batch:
        return 0
    Place.objects.bulk_create(batch, batch_size=2000)
    count = len(batch)
    codes = [p.code for p in batch]
    for start in range(0, len(codes), 900):  # SQLite's limit on query parameters
        chunk = codes[start : start + 900]
        known.update(Place.objects.filter(code__in=chunk).values_list("code", "id"))
    batch.clear()
    return count

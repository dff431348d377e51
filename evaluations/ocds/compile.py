"""Compiled records: the releases of one process merged by the OCDS merge rules (pure).

Rules used (OCDS 1.1 "Merging"): releases are applied oldest first; objects merge key by
key; arrays of objects that all have an `id` merge item by item on that id; any other
array or value is replaced by the newer one; a null removes the field; `id`, `date` and
`tag` of a release are not merged (the compiled release gets its own).
"""

DELETE = object()
OMIT = {"id", "date", "tag"}


def _is_identified(value) -> bool:
    return isinstance(value, list) and all(isinstance(i, dict) and "id" in i for i in value)


def _merge(old, new):
    if new is None:
        return DELETE
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            result = _merge(merged.get(key), value)
            if result is DELETE:
                merged.pop(key, None)
            else:
                merged[key] = result
        return merged
    if _is_identified(old) and _is_identified(new) and new:
        by_id = {item["id"]: item for item in old}
        for item in new:
            by_id[item["id"]] = _merge(by_id.get(item["id"]), item)
        return [v for v in by_id.values() if v is not DELETE]
    return new


def compile_releases(releases: list[dict]) -> dict:
    ordered = sorted(releases, key=lambda r: r["date"])
    compiled: dict = {}
    for release in ordered:
        body = {k: v for k, v in release.items() if k not in OMIT}
        compiled = _merge(compiled, body)
    last = ordered[-1]["date"]
    return {
        "ocid": ordered[-1]["ocid"],
        "id": f"{ordered[-1]['ocid']}-compiled-{last}",
        "date": last,
        "tag": ["compiled"],
        **{k: v for k, v in compiled.items() if k != "ocid"},
    }


def record(releases: list[dict], package_url: str) -> dict:
    """An OCDS record: linked releases (url#id, date, tag) and the compiled release."""
    ordered = sorted(releases, key=lambda r: r["date"])
    return {
        "ocid": ordered[0]["ocid"],
        "releases": [
            {"url": f"{package_url}#{r['id']}", "date": r["date"], "tag": r["tag"]} for r in ordered
        ],
        "compiledRelease": compile_releases(ordered),
    }

"""Offline validation against the vendored OCDS 1.1.5 schemas (JSON Schema draft 4).

The package schemas refer to the release schema by its canonical URL; the local copies are
registered under those URLs, so no reference is ever fetched from the network.
"""

import csv
import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SCHEMAS = [
    "release-schema.json",
    "release-package-schema.json",
    "record-package-schema.json",
    "versioned-release-validation-schema.json",
]
# Registered prefixes are "ocds-" + 6 lowercase letters or digits (OCDS identifier guidance).
OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}-$")


def _load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    resources = []
    for name in SCHEMAS:
        schema = _load(name)
        resources.append(
            (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        )
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft4Validator:
    """A validator for one vendored schema ("release-package-schema.json", …)."""
    return Draft4Validator(_load(name), registry=_registry(), format_checker=FormatChecker())


def errors(data: dict, name: str = "release-package-schema.json") -> list[str]:
    """Human-readable schema errors ("path: message"); empty when the data is valid."""
    found = sorted(validator(name).iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}" for e in found]


@cache
def codes(codelist: str) -> frozenset[str]:
    """The codes of a vendored codelist ("partyRole", "milestoneType", …)."""
    with open(SCHEMA_DIR / "codelists" / f"{codelist}.csv", encoding="utf-8") as fh:
        return frozenset(row["Code"] for row in csv.DictReader(fh))


def valid_prefix(prefix: str) -> bool:
    return bool(OCID_PREFIX.match(prefix))

"""Every tender's OCDS output, in each state it can be in, validates against the vendored
OCDS 1.1.5 schemas (no network); codes come from the codelists; ids are stable."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from evaluations.ocds import compile, mapping, validation
from marketplace import clock
from tenders.models import TenderState
from tenders.services import tenders as services

from .conftest import get_json

STATES = ["tender", "opened", "evaluating", "proposed", "awarded", "contracted", "implemented"]


def urls(tender):
    return (
        reverse("ocds:tender_releases", args=[tender.pk]),
        reverse("ocds:tender_record", args=[tender.pk]),
    )


def assert_valid(client, tender):
    releases_url, record_url = urls(tender)
    package = get_json(client, releases_url)
    assert validation.errors(package, "release-package-schema.json") == []
    record = get_json(client, record_url)
    assert validation.errors(record, "record-package-schema.json") == []
    # The schema does not check the ocid prefix: check it here.
    prefix = mapping.ocid_prefix()
    assert validation.valid_prefix(prefix)
    assert all(r["ocid"] == f"{prefix}{tender.pk}" for r in package["releases"])
    return package, record


@pytest.mark.parametrize("fixture", STATES)
def test_every_state_validates_against_the_release_package_schema(client, request, fixture):
    tender = request.getfixturevalue(fixture)
    tender.refresh_from_db()
    package, record = assert_valid(client, tender)
    compiled = record["records"][0]["compiledRelease"]
    assert compiled["tender"]["status"] == mapping.TENDER_STATUS[tender.state]
    assert compiled["tender"]["statusDetails"] == str(TenderState(tender.state).label)
    assert {r["ocid"] for r in package["releases"]} == {mapping.ocid(tender)}
    ids = [r["id"] for r in package["releases"]]
    assert len(ids) == len(set(ids))
    for release in package["releases"]:
        for party in release["parties"]:
            assert set(party["roles"]) <= validation.codes("partyRole")


def test_failed_and_cancelled_tenders_validate(client, tender, bidders, later, purchaser):
    from tests.tenders.factories import published_tender, submit

    org, user = bidders[0]
    submit(tender, org, user)
    with clock.travel(later):
        failed = services.tender_open(tender_id=tender.pk)
    assert failed.state == TenderState.FAILED
    _package, record = assert_valid(client, failed)
    assert record["records"][0]["compiledRelease"]["tender"]["status"] == "unsuccessful"

    other = published_tender(purchaser)
    services.tender_cancel(tender=other, user=purchaser, reason="预算调整")
    package, record = assert_valid(client, other)
    assert package["releases"][-1]["tag"] == ["tenderCancellation"]
    assert record["records"][0]["compiledRelease"]["tender"]["status"] == "cancelled"


def test_a_draft_tender_is_not_published(client, purchaser):
    from tests.tenders.factories import approved_project, draft_tender

    draft = draft_tender(approved_project(), purchaser)
    for url in urls(draft):
        assert client.get(url).status_code == 404


def test_implementation_has_milestones_and_transactions(client, implemented):
    _package, record = assert_valid(client, implemented)
    contract = record["records"][0]["compiledRelease"]["contracts"][0]
    milestones = {m["id"]: m for m in contract["implementation"]["milestones"]}
    assert {m["type"] for m in milestones.values()} <= validation.codes("milestoneType")
    payments = [m for m in milestones.values() if m["type"] == "payment"]
    assert sorted(m["status"] for m in payments) == ["met", "met", "scheduled"]
    assessment = [m for m in milestones.values() if m["type"] == "assessment"]
    assert [m["status"] for m in assessment] == ["met"]
    transactions = contract["implementation"]["transactions"]
    assert len(transactions) == 2
    assert all(t["value"]["currency"] == "CNY" for t in transactions)
    roles = {p["id"]: p["roles"] for p in record["records"][0]["compiledRelease"]["parties"]}
    assert "payer" in roles[transactions[0]["payer"]["id"]]
    assert "payee" in roles[transactions[0]["payee"]["id"]]


def test_release_ids_are_stable_across_requests(client, contracted):
    first = [r["id"] for r in get_json(client, urls(contracted)[0])["releases"]]
    second = [r["id"] for r in get_json(client, urls(contracted)[0])["releases"]]
    assert first == second
    assert [i.rsplit("-", 1)[-1] for i in first][-1] == "contracted"


def test_bulk_file_and_export_command_validate(client, contracted, tmp_path, implemented):
    bulk = get_json(client, reverse("ocds:bulk"))
    assert validation.errors(bulk) == []
    assert {r["ocid"] for r in bulk["releases"]} == {
        mapping.ocid(contracted),
        mapping.ocid(implemented),
    }
    path = tmp_path / "bulk.json"
    out = io.StringIO()
    call_command("export_ocds", str(path), stdout=out)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert validation.errors(exported) == []
    assert len(exported["releases"]) == len(bulk["releases"])
    assert exported["license"] and exported["publicationPolicy"].endswith("/ocds/")


def test_bulk_is_paginated(client, settings, purchaser, monkeypatch):
    from evaluations.ocds import views
    from tests.tenders.factories import published_tender

    monkeypatch.setattr(views, "BULK_PAGE_SIZE", 2)
    for _ in range(3):
        published_tender(purchaser)
    first = get_json(client, reverse("ocds:bulk"))
    assert len(first["releases"]) == 2 and first["links"]["next"].endswith("?page=2")
    second = get_json(client, first["links"]["next"])
    assert len(second["releases"]) == 1 and "next" not in second["links"]
    assert validation.errors(second) == []


def test_the_ocid_prefix_is_a_setting_checked_for_its_form(settings, tender):
    settings.OCDS_OCID_PREFIX = "ocds-ab12cd-"
    assert mapping.ocid(tender) == f"ocds-ab12cd-{tender.pk}"
    assert validation.valid_prefix("ocds-ab12cd-")
    assert not validation.valid_prefix("ocds-AB12-")


def test_compiled_release_follows_the_merge_rules():
    releases = [
        {"ocid": "o", "id": "1", "date": "2026-01-01T00:00:00Z", "tag": ["tender"],
         "tender": {"status": "active", "items": [{"id": "a", "x": 1}]}, "keep": [1, 2]},
        {"ocid": "o", "id": "2", "date": "2026-01-02T00:00:00Z", "tag": ["tenderUpdate"],
         "tender": {"status": "complete", "items": [{"id": "a", "y": 2}, {"id": "b"}]},
         "keep": [3], "gone": None},
    ]  # fmt: skip
    compiled = compile.compile_releases(releases)
    assert compiled["tag"] == ["compiled"] and compiled["date"] == "2026-01-02T00:00:00Z"
    assert compiled["tender"] == {
        "status": "complete",
        "items": [{"id": "a", "x": 1, "y": 2}, {"id": "b"}],
    }
    assert compiled["keep"] == [3] and "gone" not in compiled


def test_policy_page_explains_the_prefix_and_licence(client):
    page = client.get(reverse("ocds:policy")).content.decode()
    assert "ocds-xxxxxx-" in page and "CC BY 4.0" in page and "开标" in page


def test_a_state_reached_twice_gets_its_own_release_id(client, tender):
    from django.contrib.contenttypes.models import ContentType

    from marketplace.models import TransitionRecord

    kind = ContentType.objects.get_for_model(tender)
    for source, target in (("published", "clarification"), ("clarification", "published")):
        TransitionRecord.objects.create(
            content_type=kind, object_id=tender.pk, transition="x", source=source, target=target
        )
    package, _record = assert_valid(client, tender)
    stages = [r["id"].removeprefix(f"{mapping.ocid(tender)}-") for r in package["releases"]]
    assert stages == ["published", "clarification", "published-2"]
    assert [r["tag"] for r in package["releases"]][0] == ["tender"]

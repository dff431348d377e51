"""The sweep modules between them sweep every visitor, each visitor every URL pattern."""

from . import (
    test_sweep_organisations,
    test_sweep_panel_and_cms,
    test_sweep_public,
    test_sweep_purchasers,
    test_sweep_superuser,
)
from . import world as w
from .sweep import BIDDER, uncovered, urls_for

MODULES = [
    test_sweep_public,
    test_sweep_purchasers,
    test_sweep_organisations,
    test_sweep_panel_and_cms,
    test_sweep_superuser,
]


def test_every_visitor_is_swept_by_exactly_one_module():
    roles = [role for module in MODULES for role in module.ROLES]
    assert sorted(roles) == sorted([*w.VISITOR_ROLES, BIDDER])


def test_behind_a_closed_admin_one_url_per_pattern_elsewhere_every_url():
    pairs = [
        ("admin-change", "/django-admin/tenders/bid/1/change/"),
        ("admin-change", "/django-admin/tenders/bid/2/change/"),
        ("cms-edit", "/cms-admin/pages/3/edit/"),
        ("cms-edit", "/cms-admin/pages/4/edit/"),
        ("tender", "/tenders/1/"),
        ("tender", "/tenders/2/"),
    ]
    asked = urls_for(None, pairs)  # anonymous: both admin sites are closed to it
    assert asked == [
        "/django-admin/tenders/bid/1/change/",
        "/cms-admin/pages/3/edit/",
        "/tenders/1/",
        "/tenders/2/",
    ]
    seen = {("anonymous", url): (302, "") for url in asked}
    assert uncovered(seen, pairs, ["anonymous"]) == []


def test_a_pattern_a_visitor_did_not_ask_is_reported():
    pairs = [("tender", "/tenders/1/"), ("receipt", "/tenders/bids/1/receipt/")]
    seen = {("resident", "/tenders/1/"): (200, "")}
    assert uncovered(seen, pairs, ["resident", "purchaser"]) == [
        "resident receipt",
        "purchaser tender",
        "purchaser receipt",
    ]

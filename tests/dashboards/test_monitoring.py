"""Plan-target monitoring: figures match a hand-counted tree; constant queries; public pages."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.monitoring import figures, report
from marketplace import clock
from marketplace.models import PlaceLevel
from tests.marketplace.factories import place
from tests.needs.factories import NeedFactory

from . import monitoring_fixture as fx

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    with clock.travel(fx.NOW):
        return fx.build()


def test_place_totals_match_the_hand_count(tree):
    with clock.travel(fx.NOW):
        total, children = figures.place_table(tree["dali"])
    assert (total.communities, total.urban, total.meeting_orgs) == (4, 2, 2)
    assert total.share_orgs == Decimal("50.0")
    assert (total.with_worker, total.share_worker) == (1, Decimal("25.0"))
    assert (total.needs, total.needs_due, total.answered) == (7, 5, 4)
    assert total.share_answered == Decimal("80.0")
    assert (total.considered, total.adopted, total.fulfilled) == (6, 2, 1)
    assert total.share_adopted == Decimal("33.3")
    assert total.share_fulfilled == Decimal("16.7")
    assert total.contract_amount == Decimal("230000")
    by_name = {r.place.name: r for r in children}
    assert list(by_name) == ["县A", "县B"]
    assert by_name["县A"].share_orgs == Decimal("100.0")
    assert by_name["县B"].share_orgs == Decimal("0.0")
    assert (by_name["县A"].needs, by_name["县B"].needs) == (7, 0)
    assert by_name["县B"].share_answered is None  # nothing to measure, not 0%


def test_community_level_has_no_children_and_its_own_figures(tree):
    with clock.travel(fx.NOW):
        total, children = figures.place_table(tree["a1"])
    assert children == []
    assert (total.communities, total.meeting_orgs, total.with_worker) == (1, 1, 0)
    assert (total.needs, total.needs_due, total.answered) == (4, 2, 1)


def test_other_figures_match_the_hand_count(tree):
    dali = tree["dali"]
    with clock.travel(fx.NOW):
        assert figures.median_days_to_project(dali) == Decimal("30.5")
        assert figures.payments_released(dali) == {"total": Decimal("15000"), "n": 1}
        funding = {label: (amount, n) for label, amount, n in figures.contracts_by_funding(dali)}
        assert funding["财政资金"] == (Decimal("180000"), 2)
        assert funding["慈善捐赠"] == (Decimal("50000"), 1)
        ev = figures.evaluation_figures(dali)
        assert (ev["average"], ev["count"]) == (Decimal("81.0"), 2)
        assert dict(ev["grades"]) == {"优秀": 1, "良好": 0, "合格": 1, "不合格": 0}
        assert figures.satisfaction(dali) == {"average": Decimal("80.0"), "count": 2}
        total, _ = figures.place_table(dali)
        vol = figures.volunteers(dali, total)
        assert (vol["registered"], vol["active"]) == (1, 1)
        assert vol["per_100_households"] == Decimal("0.05")
        months = {m: (n, c) for m, n, c in figures.monthly(dali)}
    assert len(months) == 12
    assert months["2026-06"] == (1, 0)
    assert months["2026-04"][1] == 3


def test_page_shows_figures_targets_breadcrumbs_and_tables(client, tree):
    with clock.travel(fx.NOW):
        response = client.get(f"/monitoring/{tree['dali'].code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "50.0%" in html and "（2/4）" in html
    assert "城镇社区 ≥5 家，农村社区 ≥3 家" in html
    assert f'href="/monitoring/{tree["province"].code}/"' in html  # breadcrumb
    assert f'href="/monitoring/{tree["county_a"].code}/"' in html  # child table
    assert html.count("<svg") >= 4 and "<table" in html
    assert "13900000001" not in html


def test_province_page_and_csv(client, tree):
    with clock.travel(fx.NOW):
        assert client.get("/monitoring/").status_code == 200
        response = client.get(f"/monitoring/{tree['dali'].code}/places.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("地区,社区/村")
    assert "县A,2,100.0%" in text
    assert client.get(f"/monitoring/{tree['dali'].code}/nothing.csv").status_code == 404
    assert client.get("/monitoring/999999999999/").status_code == 404


def _more_data(t):
    """Grow the tree: a new county with 20 communities and 30 needs."""
    county = place("532923000000", "县C", PlaceLevel.COUNTY, t["dali"])
    town = place("532923100000", "镇C", PlaceLevel.TOWNSHIP, county)
    for i in range(20):
        community = place(f"532923100{i:03d}", f"社区C{i}", PlaceLevel.COMMUNITY, town, "urban")
        if i < 10:
            NeedFactory.create_batch(3, community=community)


def test_constant_queries_at_two_sizes(client, tree):
    url = f"/monitoring/{tree['dali'].code}/"
    with clock.travel(fx.NOW):
        client.get(url)  # warm caches (content types, site)
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        _more_data(tree)
        with CaptureQueriesContext(connection) as large:
            assert client.get(url).status_code == 200
    assert len(small) == len(large) <= 20


def test_report_builds_for_the_province(tree):
    with clock.travel(fx.NOW):
        built = report.build(tree["province"])
    assert [t.key for t in built["tables"]] == ["places", "states", "funding", "grades", "months"]

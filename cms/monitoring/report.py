"""The monitoring page for one place: figures beside their targets, charts and their tables."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.models import Place

from . import charts, figures
from .targets import SOURCE, target


@dataclass
class Table:
    """A chart's data: the same rows on the page (for screen readers) and in the CSV."""

    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    svg: str = ""
    links: list[str] = field(default_factory=list)  # where each row's first cell leads

    @property
    def lines(self):
        return zip(self.rows, self.links or [""] * len(self.rows), strict=True)


def ancestors(place: Place) -> list[Place]:
    """The places above `place`, from the province down (one query, by code prefixes)."""
    return list(Place.objects.filter(code__in=place.ancestor_codes()).order_by("level"))


def _pct(value):
    return "—" if value is None else f"{value}%"


def _children_table(rows: list[figures.Row]) -> Table:
    table = Table(
        "places",
        _("下级地区"),
        [
            _("地区"),
            _("社区/村"),
            _("社会组织达标社区占比"),
            _("有持证社工的社区占比"),
            _("需求数"),
            _("30 天内答复率"),
            _("项目数"),
            _("合同金额（元）"),
        ],
    )
    for r in rows:
        table.links.append(reverse("cms:monitoring:place", args=[r.place.code]))
        table.rows.append(
            [
                r.place.name,
                r.communities,
                _pct(r.share_orgs),
                _pct(r.share_worker),
                r.needs,
                _pct(r.share_answered),
                r.projects,
                f"{r.contract_amount:,.2f}",
            ]
        )
    table.svg = charts.bars(
        _("各下级地区社会组织达标社区占比"),
        [(r.place.name, r.share_orgs) for r in rows],
        unit="%",
        target=100,
    )
    return table


def build(place: Place) -> dict:
    total, children = figures.place_table(place)
    by_state = figures.projects_by_state(place)
    funding = figures.contracts_by_funding(place)
    evaluations = figures.evaluation_figures(place)
    months = figures.monthly(place)
    tables = []
    if children:
        tables.append(_children_table(children))
    states = Table("states", _("项目状态"), [_("状态"), _("项目数")], [list(r) for r in by_state])
    states.svg = charts.bars(states.title, by_state)
    tables.append(states)
    money = Table(
        "funding",
        _("合同金额（按资金来源）"),
        [_("资金来源"), _("合同金额（元）"), _("合同数")],
        [[label, f"{amount:,.2f}", n] for label, amount, n in funding],
    )
    money.svg = charts.bars(money.title, [(label, amount) for label, amount, _n in funding])
    tables.append(money)
    grades = Table(
        "grades",
        _("评估等级分布"),
        [_("等级"), _("评估次数")],
        [list(g) for g in evaluations["grades"]],
    )
    grades.svg = charts.bars(grades.title, evaluations["grades"])
    tables.append(grades)
    trend = Table(
        "months",
        _("逐月趋势"),
        [_("月份"), _("收到需求"), _("签订合同")],
        [list(m) for m in months],
    )
    trend.svg = charts.line(
        trend.title,
        [m[0] for m in months],
        [(_("收到需求"), [m[1] for m in months]), (_("签订合同"), [m[2] for m in months])],
    )
    tables.append(trend)
    return {
        "place": place,
        "crumbs": ancestors(place),
        "total": total,
        "source": SOURCE,
        "targets": {
            "urban": target("orgs_per_urban_community"),
            "rural": target("orgs_per_rural_community"),
            "worker": target("share_with_social_worker"),
            "answer_days": target("answer_days"),
            "answered": target("share_answered"),
        },
        "median_days": figures.median_days_to_project(place),
        "payments": figures.payments_released(place),
        "evaluations": evaluations,
        "satisfaction": figures.satisfaction(place),
        "volunteers": figures.volunteers(place, total),
        "tables": tables,
        "children": children,
    }


def table_for_csv(place: Place, key: str) -> Table | None:
    return next((t for t in build(place)["tables"] if t.key == key), None)

"""Factories for tenders: approved projects, published tenders, bidders and panels."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from marketplace import clock
from marketplace.models import ProjectState, Role
from tenders.models import Tender
from tenders.services import bids as bid_services
from tenders.services import tenders as services
from tests.marketplace.factories import (
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
    force_state,
    grant,
)

CRITERIA = [
    {"name": "服务方案", "weight": Decimal("40")},
    {"name": "团队能力", "weight": Decimal("25")},
    {"name": "管理制度", "weight": Decimal("15")},
]  # + price weight 20 = 100


def approved_project(budget=Decimal("200000"), **kwargs):
    project = ProjectFactory(**kwargs)
    return force_state(
        project, ProjectState.APPROVED, approved_budget=budget, funding_source="fiscal"
    )


def draft_tender(
    project,
    purchaser,
    *,
    days=21,
    ceiling=None,
    price_weight=Decimal("20"),
    method="open",
    criteria=CRITERIA,
):
    return services.tender_create(
        project=project,
        user=purchaser,
        title=f"{project.title}采购",
        method=method,
        deadline=clock.now() + timedelta(days=days),
        ceiling_price=ceiling if ceiling is not None else project.approved_budget,
        price_weight=price_weight,
        criteria=criteria,
    )


def published_tender(purchaser, **kwargs) -> Tender:
    project = approved_project(budget=kwargs.pop("budget", Decimal("200000")))
    tender = draft_tender(project, purchaser, **kwargs)
    return services.tender_publish(tender=tender, user=purchaser)


def bidder(name=None):
    """An organisation and its admin."""
    org = OrganisationFactory(**({"name": name} if name else {}))
    user = grant(UserFactory(), Role.ORG_ADMIN, organisation=org)
    return org, user


def submit(tender, org, user, price="150000", proposal="方案全文", file=None):
    upload = ContentFile(file, name="方案.pdf") if file else None
    return bid_services.bid_submit(
        tender=tender,
        organisation=org,
        user=user,
        price=Decimal(price),
        proposal=proposal,
        upload=upload,
    )


def after_deadline(tender, minutes=1):
    return clock.travel(tender.deadline + timedelta(minutes=minutes))


def evaluator(n=0):
    return grant(UserFactory(name=f"评审专家{n}"), Role.EVALUATOR)


def declare_none(tender, person):
    """The member declares no tie with any bidder."""
    from tenders import panel_selectors
    from tenders.services import conflicts

    seat = tender.panel.get(evaluator=person)
    ties = {org: ("none", "") for org in panel_selectors.bidder_organisation_ids(tender)}
    return conflicts.panel_declare(member=seat, user=person, ties=ties)


def check_all(tender, panel, passed=True):
    from tenders.services import eligibility

    for person in panel:
        seat = tender.panel.get(evaluator=person)
        verdicts = {b.pk: (passed, "" if passed else "资格不符") for b in tender.valid_bids()}
        eligibility.eligibility_submit(member=seat, user=person, verdicts=verdicts)


def confirm_all(tender, panel):
    from tenders.services import panel as panel_services

    for person in panel:
        panel_services.report_confirm(member=tender.panel.get(evaluator=person), user=person)


def score_only(tender, panel, value=Decimal("10")):
    """Each member scores every qualified bid on every criterion `value`."""
    from tenders import panel_selectors
    from tenders.services import panel as panel_services

    qualified = panel_selectors.qualified_bid_ids(tender)
    for person in panel:
        seat = tender.panel.get(evaluator=person)
        values = {(b, c.pk): value for b in qualified for c in tender.criteria.all()}
        panel_services.scores_submit(member=seat, user=person, values=values)

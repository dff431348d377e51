"""Contracted projects for delivery tests: Tender/Bid/Contract rows built directly."""

from datetime import timedelta
from decimal import Decimal

from evaluations.models import Qualification
from evaluations.services import delivery as delivery_services
from marketplace import clock
from marketplace.models import Indicator, ProjectState, Role
from tenders.models import Bid, BidState, Contract, ContractState, Tender, TenderState
from tests.marketplace.factories import ProjectFactory, UserFactory, force_state, grant


def contract_for(*, organisation, purchaser, amount=Decimal("100000"), project=None, **project_kw):
    """A signed contract over a project forced to "contracted" with `organisation` set."""
    project = project or ProjectFactory(**project_kw)
    force_state(project, ProjectState.CONTRACTED, organisation=organisation, approved_budget=amount)
    now = clock.now()
    tender = Tender.objects.create(
        project=project,
        title=project.title,
        ceiling_price=amount,
        deadline=now - timedelta(days=30),
        created_by=purchaser,
    )
    force_state(tender, TenderState.CONTRACTED)
    bid = Bid.objects.create(
        tender=tender,
        organisation=organisation,
        price=amount,
        proposal="服务方案",
        digest="0" * 64,
        submitted_by=purchaser,
    )
    force_state(bid, BidState.VALID)
    contract = Contract.objects.create(
        tender=tender,
        project=project,
        organisation=organisation,
        bid=bid,
        amount=amount,
        start_date=clock.today() - timedelta(days=60),
        end_date=clock.today() + timedelta(days=300),
        service_standard="每月不少于4场活动",
        signed_at=now - timedelta(days=61),
    )
    return force_state(contract, ContractState.SIGNED)


def second_indicator(project):
    return Indicator.objects.create(project=project, name="服务老人", unit="人次", target=200)


def delivery_for(*, organisation, purchaser, org_admin, social_worker=None, start=False, **kw):
    """A delivery set up through the service; with `start`, a qualified worker named and begun."""
    contract = contract_for(organisation=organisation, purchaser=purchaser, **kw)
    delivery = delivery_services.delivery_setup(contract=contract, user=org_admin)
    if start:
        worker = social_worker or grant(
            UserFactory(), Role.SOCIAL_WORKER, organisation=organisation
        )
        delivery_services.team_member_add(
            delivery=delivery,
            user=org_admin,
            member=worker,
            role="项目主管",
            qualification=Qualification.SOCIAL_WORKER,
            certificate_number="ZS2020530100123",
        )
        delivery = delivery_services.delivery_start(delivery=delivery, user=org_admin)
    return delivery


def id_number(n: int = 1, born: str = "19800101") -> str:
    """A valid 居民身份证号码 (right check character) for person `n`."""
    from evaluations.validators import id_check_character

    first17 = f"530102{born}{n % 1000:03d}"
    return first17 + id_check_character(first17)


def make_volunteer(*, organisation, user, n=1, name="赵志愿", phone=None, communities=None):
    from evaluations.services.volunteers import volunteer_register
    from tests.marketplace.factories import place_tree

    return volunteer_register(
        user=user,
        organisation=organisation,
        name=name,
        phone=phone or f"137{n:08d}",
        id_number=id_number(n),
        skills="急救、手工",
        communities=communities or [place_tree()["community_a"]],
    )

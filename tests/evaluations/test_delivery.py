import pytest
from django.core.exceptions import PermissionDenied

from evaluations.models import DeliveryState, PaymentItem, Qualification
from evaluations.services import delivery as services
from marketplace.models import ProjectState, Role, TransitionRecord
from marketplace.workflow import WorkflowError
from tests.marketplace.factories import UserFactory, grant

from .factories import contract_for, delivery_for


@pytest.fixture
def prepared(organisation, purchaser, org_admin):
    return delivery_for(organisation=organisation, purchaser=purchaser, org_admin=org_admin)


def test_setup_creates_the_payment_schedule(prepared):
    items = list(
        PaymentItem.objects.filter(contract=prepared.contract).values_list("percentage", "amount")
    )
    assert [(int(p), int(a)) for p, a in items] == [(30, 30000), (40, 40000), (30, 30000)]
    assert prepared.state == DeliveryState.PREPARING


def test_setup_refused_for_outsider_and_twice(organisation, purchaser, org_admin, outsider):
    contract = contract_for(organisation=organisation, purchaser=purchaser)
    with pytest.raises(PermissionDenied):
        services.delivery_setup(contract=contract, user=outsider)
    services.delivery_setup(contract=contract, user=org_admin)
    with pytest.raises(WorkflowError, match="已建立"):
        services.delivery_setup(contract=contract, user=org_admin)


def test_no_delivery_without_a_qualified_social_worker(prepared, org_admin, organisation):
    volunteer = UserFactory(name="志愿者小张")
    services.team_member_add(
        delivery=prepared, user=org_admin, member=volunteer, role="志愿者", is_volunteer=True
    )
    with pytest.raises(WorkflowError, match="持证社会工作者"):
        services.delivery_start(delivery=prepared, user=org_admin)
    prepared.refresh_from_db()
    assert prepared.state == DeliveryState.PREPARING
    worker = grant(UserFactory(), Role.SOCIAL_WORKER, organisation=organisation)
    services.team_member_add(
        delivery=prepared,
        user=org_admin,
        member=worker,
        role="督导",
        qualification=Qualification.ASSISTANT,
        certificate_number="ZL2021001",
    )
    delivery = services.delivery_start(delivery=prepared, user=org_admin)
    assert delivery.state == DeliveryState.IN_DELIVERY
    delivery.project.refresh_from_db()
    assert delivery.project.state == ProjectState.IN_DELIVERY
    assert TransitionRecord.objects.filter(transition="start_delivery", by=org_admin).exists()


def test_start_refused_for_outsider_and_in_wrong_state(delivery, outsider, org_admin):
    with pytest.raises(WorkflowError, match="当前状态"):
        services.delivery_start(delivery=delivery, user=org_admin)


def test_outsider_cannot_start(prepared, outsider, org_admin, organisation):
    worker = grant(UserFactory(), Role.SOCIAL_WORKER, organisation=organisation)
    services.team_member_add(
        delivery=prepared,
        user=org_admin,
        member=worker,
        role="社工",
        qualification=Qualification.SENIOR,
        certificate_number="G1",
    )
    with pytest.raises(PermissionDenied):
        services.delivery_start(delivery=prepared, user=outsider)
    prepared.refresh_from_db()
    assert prepared.state == DeliveryState.PREPARING


def test_only_org_admin_names_the_team(prepared, social_worker, purchaser):
    for user in (social_worker, purchaser):
        with pytest.raises(PermissionDenied):
            services.team_member_add(
                delivery=prepared, user=user, member=social_worker, role="社工"
            )


def test_qualified_member_needs_a_certificate_and_membership(prepared, org_admin, outsider):
    with pytest.raises(WorkflowError, match="证书编号"):
        services.team_member_add(
            delivery=prepared,
            user=org_admin,
            member=outsider,
            role="社工",
            qualification=Qualification.SOCIAL_WORKER,
        )
    with pytest.raises(WorkflowError, match="承接组织成员"):
        services.team_member_add(
            delivery=prepared,
            user=org_admin,
            member=outsider,
            role="社工",
            qualification=Qualification.SOCIAL_WORKER,
            certificate_number="X1",
        )

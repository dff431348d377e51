import pytest

from marketplace.models import Role
from tests.marketplace.factories import UserFactory, grant

from .factories import delivery_for


@pytest.fixture
def third_party(places):
    return grant(UserFactory(name="施评估"), Role.EVALUATOR)


@pytest.fixture
def delivery(organisation, purchaser, org_admin, social_worker):
    """A delivery in progress with `social_worker` on the team (qualified)."""
    return delivery_for(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=social_worker,
        start=True,
    )

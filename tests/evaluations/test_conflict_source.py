"""自动回避 from delivery: who worked on a bidder's delivery team in the last 3 years."""

from datetime import timedelta

from marketplace import clock
from marketplace.models import Role
from tenders import conflicts
from tests.marketplace.factories import OrganisationFactory, UserFactory, grant

from .factories import delivery_for


def test_a_delivery_team_member_of_a_bidder_is_tied_to_it(
    organisation, purchaser, org_admin, places
):
    worker = grant(UserFactory(name="团队社工"), Role.SOCIAL_WORKER, organisation=organisation)
    delivery = delivery_for(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=worker,
        start=True,
    )
    other = OrganisationFactory()
    since = clock.now() - timedelta(days=3 * 365)
    ties = conflicts.automatic_ties(worker, {organisation.pk, other.pk}, since)
    assert "服务团队" in " ".join(ties[organisation.pk])
    assert other.pk not in ties
    assert delivery.team.filter(user=worker).exists()


def test_a_team_older_than_three_years_or_of_another_org_is_no_tie(
    organisation, purchaser, org_admin, places
):
    worker = grant(UserFactory(), Role.SOCIAL_WORKER, organisation=organisation)
    delivery_for(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=worker,
        start=True,
    )
    assert conflicts.automatic_ties(worker, {OrganisationFactory().pk}, clock.now()) == {}
    later = clock.now() + timedelta(days=1)  # joined before `since`: too long ago
    reasons = conflicts.automatic_ties(worker, {organisation.pk}, later)[organisation.pk]
    assert not any("服务团队" in r for r in reasons)  # only the membership tie remains
    assert (
        conflicts.automatic_ties(UserFactory(), {organisation.pk}, clock.now() - timedelta(days=1))
        == {}
    )

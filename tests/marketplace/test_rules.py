from marketplace import rules
from marketplace.models import Role
from tests.marketplace.factories import ProjectFactory, UserFactory, grant


def test_place_roles_cover_everything_below(places):
    county_purchaser = grant(UserFactory(), Role.PURCHASER, place=places["wuhua"])
    assert rules.is_purchaser_for(county_purchaser, places["community_a"])
    assert not rules.is_purchaser_for(county_purchaser, places["village"])


def test_staff_are_scoped_to_their_community(staff, staff_b, places):
    assert rules.is_staff_for(staff, places["community_a"])
    assert not rules.is_staff_for(staff_b, places["community_a"])


def test_superuser_gets_no_workflow_powers(superuser, staff):
    project = ProjectFactory(designer=staff)
    assert not rules.can_design(project, superuser)
    assert not rules.can_decide(project, superuser)


def test_organisation_roles(org_admin, social_worker, organisation, organisation2):
    assert rules.is_org_admin(org_admin, organisation)
    assert not rules.is_org_admin(social_worker, organisation)
    assert rules.is_member_of(social_worker, organisation)
    assert not rules.is_member_of(org_admin, organisation2)

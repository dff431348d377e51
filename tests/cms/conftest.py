import pytest

from cms.seeders import cms_roles
from marketplace.models import Role
from tests.marketplace.factories import UserFactory, grant

# The tenders' own flow through their real services (publish → bids → opening → panel →
# award proposal → award), for notices made by the real steps rather than a faked signal.
from tests.tenders.conftest import (  # noqa: F401
    awarded,
    bidders,
    evaluating,
    later,
    march,
    opened,
    panel,
    proposed,
    tender,
)


@pytest.fixture
def editors(site):
    """(editor, reviewer): the CMS groups and the moderation workflow from the seeder."""
    editor_group, reviewer_group = cms_roles(site)
    editor = UserFactory(name="宣传干事")
    reviewer = UserFactory(name="审核员")
    editor.groups.add(editor_group)
    reviewer.groups.add(reviewer_group)
    return editor, reviewer


@pytest.fixture
def third_party(places):
    return grant(UserFactory(name="施评估"), Role.EVALUATOR)

"""The secrecy sweep (sweep.py) as an organisation that does not bid, and as a bidder
(which sees its own bid and nothing of the other)."""

import pytest

from .sweep import check

pytestmark = pytest.mark.django_db

ROLES = ["org_admin_not_bidding", "bidder_0"]


def test_organisations_learn_nothing_about_sealed_bids(world, django_capture_on_commit_callbacks):
    check(world, ROLES, django_capture_on_commit_callbacks)

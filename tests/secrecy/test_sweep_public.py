"""The secrecy sweep (sweep.py) as anonymous visitors, residents and community staff."""

import pytest

from .sweep import check

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "resident", "community_staff"]


def test_public_visitors_learn_nothing_about_sealed_bids(world, django_capture_on_commit_callbacks):
    check(world, ROLES, django_capture_on_commit_callbacks)

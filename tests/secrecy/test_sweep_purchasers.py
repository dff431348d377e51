"""The secrecy sweep (sweep.py) as the tender's purchaser and another unit's purchaser."""

import pytest

from .sweep import check

pytestmark = pytest.mark.django_db

ROLES = ["purchaser", "purchaser_elsewhere"]


def test_purchasers_learn_nothing_about_sealed_bids(world, django_capture_on_commit_callbacks):
    check(world, ROLES, django_capture_on_commit_callbacks)

"""The secrecy sweep (sweep.py) as a superuser: every admin page is open to it."""

import pytest

from .sweep import check

pytestmark = pytest.mark.django_db

ROLES = ["superuser"]


def test_a_superuser_learns_nothing_about_sealed_bids(world, django_capture_on_commit_callbacks):
    check(world, ROLES, django_capture_on_commit_callbacks)

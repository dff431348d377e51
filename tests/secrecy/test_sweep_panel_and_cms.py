"""The secrecy sweep (sweep.py) as a panel member, the site's editor and its reviewer."""

import pytest

from .sweep import check

pytestmark = pytest.mark.django_db

ROLES = ["evaluator_on_panel", "editor", "reviewer"]


def test_panel_and_cms_staff_learn_nothing_about_sealed_bids(
    world, django_capture_on_commit_callbacks
):
    check(world, ROLES, django_capture_on_commit_callbacks)

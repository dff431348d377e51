"""The sweep modules between them sweep every kind of visitor the world holds."""

from . import (
    test_sweep_organisations,
    test_sweep_panel_and_cms,
    test_sweep_public,
    test_sweep_purchasers,
    test_sweep_superuser,
)
from . import world as w
from .sweep import BIDDER

MODULES = [
    test_sweep_public,
    test_sweep_purchasers,
    test_sweep_organisations,
    test_sweep_panel_and_cms,
    test_sweep_superuser,
]


def test_every_visitor_is_swept_by_exactly_one_module():
    roles = [role for module in MODULES for role in module.ROLES]
    assert sorted(roles) == sorted([*w.VISITOR_ROLES, BIDDER])

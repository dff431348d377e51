import pytest

from cms.seeders import site_setup


@pytest.fixture
def site(db):
    """The demo site: home page (as the default site's root) and the notice index."""
    return site_setup()

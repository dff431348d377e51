"""The sealed tender every secrecy sweep looks at (built afresh for each sweep module)."""

import functools

import pytest

from cms import demo

from . import world as w


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """A dozen users per world: PBKDF2 would spend seconds hashing their passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_policy_pdf = functools.cache(demo._policy_pdf)


@pytest.fixture
def world(site, places, request, monkeypatch, django_capture_on_commit_callbacks):
    """`site` first: it puts back Wagtail's root page, locale and collection when a
    transactional test ran before in the same process (its flush empties every table, the
    rows of Wagtail's data migrations too). The demo policies' PDFs (no bid in them) are
    rendered once per process, not once per module: WeasyPrint takes seconds for each."""
    monkeypatch.setattr(demo, "_policy_pdf", _policy_pdf)
    names = ["purchaser", "purchaser_elsewhere", "resident", "staff", "org_admin"]
    names += ["superuser"]
    fixtures = {name: request.getfixturevalue(name) for name in names}
    with django_capture_on_commit_callbacks(execute=True):
        return w.build(places, fixtures)

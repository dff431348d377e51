"""Small helpers for the end-to-end test: switch user, assert refusal or success."""

import re

from marketplace.models import Role
from tests.marketplace.factories import UserFactory, grant


def as_user(client, user):
    client.force_login(user)
    return client


def refused(response, status=403):
    """Refused: 403 (not yours to take) unless told otherwise (409: not now / not allowed)."""
    assert response.status_code == status, (response.status_code, response.content[:600])
    return True


def ok(response):
    assert response.status_code in (200, 302), (response.status_code, response.content[:600])
    return response


def admin_of(org, name):
    return grant(UserFactory(name=name), Role.ORG_ADMIN, organisation=org)


def without_tokens(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)

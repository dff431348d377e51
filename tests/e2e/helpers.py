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


def design_form(need) -> dict:
    """The design form as staff fill it in: one indicator, one budget line, the need linked."""
    return {
        "title": "翠湖长者关爱项目",
        "background": "辖区独居老人多",
        "beneficiaries": "独居老人",
        "objectives": "提升生活质量",
        "service_content": "上门探访、健康讲座",
        "period_start": "2027-03-01",
        "period_end": "2028-02-28",
        "no_need_reason": "",
        "needs": [need.pk],
        "ind-TOTAL_FORMS": "1",
        "ind-INITIAL_FORMS": "0",
        "ind-0-kind": "output",
        "ind-0-name": "上门探访",
        "ind-0-unit": "次",
        "ind-0-target": "40",
        "bud-TOTAL_FORMS": "1",
        "bud-INITIAL_FORMS": "0",
        "bud-0-item": "探访物资",
        "bud-0-unit_price": "500",
        "bud-0-quantity": "40",
    }

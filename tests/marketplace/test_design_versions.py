"""Design versions (项目书版本): each submission is kept; the project page lists them with the
purchaser's return comments; each can be read, and compared with the one before, by the
designers and deciders only."""

from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace import design_versions
from marketplace.models import ProjectState
from marketplace.services.projects import project_return, project_submit
from needs.services import designs
from tests.marketplace.factories import ProjectFactory, force_state


def revise(project, user, *, objectives, unit_price):
    """The designer edits the returned design: new objectives, a dearer budget line."""
    fields = {f: getattr(project, f) for f in designs.DesignFields.__dataclass_fields__}
    return designs.design_update(
        project=project,
        user=user,
        fields=designs.DesignFields(**(fields | {"objectives": objectives})),
        indicators=[designs.IndicatorLine("output", "开展活动", "场", Decimal(40))],
        budget_lines=[
            designs.BudgetItem("活动物料", Decimal(unit_price), Decimal(40), "按场次列支")
        ],
        needs=[],
    )


@pytest.fixture
def resubmitted(staff, purchaser):
    """v1 submitted and returned with comments, revised, then v2 submitted."""
    project = project_submit(project=ProjectFactory(designer=staff), user=staff)
    project_return(project=project, user=purchaser, reason="预算偏高，请压缩物料费。")
    revise(project, staff, objectives="服务独居老人200人", unit_price="400")
    return project_submit(project=project, user=staff)


def test_resubmitting_keeps_the_first_version_unchanged(resubmitted, staff):
    v1, v2 = resubmitted.design_versions.order_by("number")
    assert (v1.number, v2.number, resubmitted.version) == (1, 2, 2)
    assert v1.snapshot["objectives"] == "提升老人生活质量"
    assert v1.snapshot["budget_lines"][0]["unit_price"] == "500.00"
    assert v2.snapshot["objectives"] == "服务独居老人200人"
    assert v2.snapshot["budget_lines"][0] | {} == {
        "item": "活动物料",
        "unit_price": "400.00",
        "quantity": "40.0",
        "note": "按场次列支",
    }
    assert v1.submitted_by == v2.submitted_by == staff
    assert design_versions.budget_total(v1.snapshot) == Decimal("20000.00")
    assert design_versions.budget_total(v2.snapshot) == Decimal("16000.00")


def test_the_project_page_lists_versions_with_the_return_comments(client, resubmitted, purchaser):
    client.force_login(purchaser)
    body = client.get(reverse("project_detail", args=[resubmitted.pk])).content.decode()
    assert "版本记录" in body and "预算偏高，请压缩物料费。" in body
    assert "20000.00" in body and "16000.00" in body
    for n in (1, 2):
        assert reverse("project_version", args=[resubmitted.pk, n]) in body


def test_a_version_reads_back_with_what_changed(client, resubmitted, staff):
    client.force_login(staff)
    v2 = client.get(reverse("project_version", args=[resubmitted.pk, 2]))
    body = v2.content.decode()
    assert v2.status_code == 200 and "与上一版（v1）比较" in body
    assert "服务独居老人200人" in body and "<del>" in body and "<ins>" in body
    assert "<del>− 活动物料 500.00 × 40 = 20000.00</del>" in body
    v1 = client.get(reverse("project_version", args=[resubmitted.pk, 1])).content.decode()
    assert "提升老人生活质量" in v1 and "与上一版" not in v1 and "服务独居老人200人" not in v1


@pytest.mark.parametrize("who", ["outsider", "resident", "staff_b", "purchaser_elsewhere"])
def test_others_cannot_read_versions(client, resubmitted, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("project_version", args=[resubmitted.pk, 1])).status_code == 403


def test_anonymous_and_missing_versions(client, resubmitted, staff):
    assert client.get(reverse("project_version", args=[resubmitted.pk, 1])).status_code == 403
    client.force_login(staff)
    assert client.get(reverse("project_version", args=[resubmitted.pk, 3])).status_code == 404


def test_the_public_sees_an_approved_project_without_its_version_history(
    client, resubmitted, resident
):
    force_state(resubmitted, ProjectState.APPROVED)
    client.force_login(resident)
    response = client.get(reverse("project_detail", args=[resubmitted.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and 'id="versions-h"' not in body
    assert reverse("project_version", args=[resubmitted.pk, 1]) not in body


@pytest.mark.parametrize("rounds", [1, 5])
def test_the_project_page_runs_constant_queries(
    client, staff, purchaser, rounds, django_assert_max_num_queries
):
    project = ProjectFactory(designer=staff)
    for n in range(rounds):
        project = project_submit(project=project, user=staff)
        project = project_return(project=project, user=purchaser, reason=f"第{n + 1}次退回")
    client.force_login(purchaser)
    with django_assert_max_num_queries(18):
        body = client.get(reverse("project_detail", args=[project.pk])).content.decode()
    assert f"第{rounds}次退回" in body and f">v{rounds}</a>" in body


def test_compare_lists_only_what_changed():
    old = {
        "title": "长者关爱",
        "objectives": "服务老人100人",
        "period": ["2027-01-01", "2027-12-31"],
        "indicators": [{"kind": "output", "name": "活动", "unit": "场", "target": "40"}],
        "budget_lines": [
            {"item": "物料", "unit_price": "500", "quantity": "40"},
            {"item": "劳务", "unit_price": "100", "quantity": "10"},
        ],
    }
    new = old | {
        "objectives": "服务老人200人",
        "budget_lines": [
            {"item": "物料", "unit_price": "400", "quantity": "40"},
            {"item": "劳务", "unit_price": "100", "quantity": "10"},
        ],
    }
    changes = {str(c.label): c for c in design_versions.compare(old, new)}
    assert set(changes) == {"项目目标", "预算明细", "预算合计（元）"}
    assert changes["项目目标"].parts == [
        ("equal", "服务老人"),
        ("delete", "1"),
        ("insert", "2"),
        ("equal", "00人"),
    ]
    assert changes["预算明细"].parts == [
        ("delete", "物料 500 × 40 = 20000.00"),
        ("insert", "物料 400 × 40 = 16000.00"),
        ("equal", "劳务 100 × 10 = 1000.00"),
    ]
    assert design_versions.compare(old, dict(old)) == []

"""Search across notices, model cases, policy pages and public projects, on Chinese substrings.

The suite runs on SQLite locally and on PostgreSQL in CI (DATABASE_URL): these tests pass on
both (the matching is LIKE on plain text, which neither database tokenises)."""

from datetime import date

import pytest
from django.db import connection

from cms.models import PolicyIndexPage, PolicyPage
from cms.search import search_all, snippet
from marketplace.models import ProjectState
from tests.marketplace.factories import ProjectFactory, force_state

pytestmark = pytest.mark.django_db


def policy(title, body, number="民发〔2012〕196号"):
    index = PolicyIndexPage.objects.get()
    page = PolicyPage(
        title=title,
        slug=f"p{PolicyPage.objects.count()}",
        issuer="民政部 财政部",
        document_number=number,
        issued_on=date(2012, 11, 14),
        body=[{"type": "paragraph", "value": f"<p>{body}</p>"}],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def results(client, q, **params):
    return client.get("/search/", {"q": q, **params})


def test_finds_a_substring_in_body_text_of_a_policy(client, site):
    policy("政府购买社会工作服务的指导意见", "重点向城乡社区的居家养老服务倾斜。")
    response = results(client, "养老")
    assert response.status_code == 200
    html = response.content.decode()
    assert "居家<mark>养老</mark>服务" in html  # highlighted in the snippet
    assert "政策文件" in html
    assert response.context["page"].paginator.count == 1


def test_finds_a_public_project_by_its_design_but_not_a_draft(client, site):
    public = force_state(
        ProjectFactory(title="翠湖长者关爱", service_content="居家养老服务上门探访"),
        ProjectState.IN_DELIVERY,
    )
    ProjectFactory(title="草稿项目", service_content="居家养老服务")  # draft: not public
    response = results(client, "养老")
    assert response.context["page"].paginator.count == 1
    assert f"/open/projects/{public.pk}/" in response.content.decode()


def test_finds_a_document_number(client, site):
    policy("政府购买服务管理办法", "全过程绩效管理", number="财政部令第102号")
    assert results(client, "102号").context["page"].paginator.count == 1


def test_title_hits_rank_above_body_hits(client, site):
    policy("关于社区治理的意见", "其中一节谈居家养老服务。")
    policy("居家养老服务指导意见", "正文。")
    titles = [r["title"] for r in results(client, "养老").context["results"]]
    assert "<mark>养老</mark>" in titles[0] and "指导意见" in titles[0]
    assert "社区治理" in titles[1]


def test_results_are_paginated(client, site):
    for i in range(23):
        force_state(ProjectFactory(title=f"养老服务项目{i:02d}"), ProjectState.APPROVED)
    first = results(client, "养老")
    assert first.context["page"].paginator.count == 23
    assert len(first.context["results"]) == 20
    second = results(client, "养老", page=2).content.decode()
    assert second.count('<span class="tag">项目</span>') == 3
    assert "第 2 / 2 页" in second


def test_markup_in_a_query_is_escaped(client, site):
    html = results(client, "<script>养老").content.decode()
    assert "<script>养老" not in html
    assert "&lt;script&gt;养老" in html


def test_snippet_is_cut_around_the_first_hit():
    text = "甲" * 200 + "居家养老服务" + "乙" * 200
    part = snippet(text, "养老")
    assert "养老" in part and part.startswith("…") and part.endswith("…")
    assert len(part) < 100


def test_the_union_query_runs_on_this_database(site):
    """SQLite and PostgreSQL both accept the UNION of the four sources (CI runs PostgreSQL)."""
    force_state(ProjectFactory(title="居家养老"), ProjectState.COMPLETED)
    rows = list(search_all("养老")[:5])
    assert [r["source"] for r in rows] == ["project"]
    assert connection.vendor in ("sqlite", "postgresql")

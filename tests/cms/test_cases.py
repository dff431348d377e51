"""Model cases: about completed projects only, figures live from the project, moderated."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cms.models import CaseIndexPage, CasePage
from cms.services.cases import case_approve, case_draft, case_submit
from marketplace.models import ProjectState
from marketplace.workflow import WorkflowError
from tests.marketplace.factories import ProjectFactory, force_state

from .factories import completed, delivered, record_log

pytestmark = pytest.mark.django_db
CASE_QUERIES = 13  # Wagtail's page serving (7), the project and place, the figures (2)
BODY = [{"type": "paragraph", "value": "<p>以老助老，守望相助。</p>"}]


@pytest.fixture
def project(organisation, purchaser, org_admin, social_worker):
    delivery = delivered(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=social_worker,
        logs=2,
    )
    return completed(delivery)


@pytest.fixture
def index(site):
    return CaseIndexPage.objects.get()


def publish_case(index, project, editors, title="邻里守望：以老助老", body=BODY):
    editor, reviewer = editors
    case = case_draft(index=index, user=editor, title=title, project=project, body=body)
    case_submit(case=case, user=editor)
    return case_approve(case=case, user=reviewer)


def test_case_figures_change_when_a_delivery_log_is_recorded(
    client, index, project, editors, social_worker
):
    case = publish_case(index, project, editors)
    html = client.get(case.url).content.decode()
    assert "5 小时" in html  # 2 logs × 2.5 hours
    assert "2 场次" in html
    assert "21 人次" in html  # 10 + 11 beneficiaries
    record_log(project.deliveries.get(), social_worker, hours="3", beneficiaries=7)
    html = client.get(case.url).content.decode()
    assert "8 小时" in html and "3 场次" in html and "28 人次" in html


def test_case_shows_satisfaction_and_grade_from_the_evaluation(
    client, index, editors, organisation, purchaser, org_admin, social_worker, staff, third_party
):
    from tests.evaluations.helpers import run_evaluation

    delivery = delivered(
        organisation=organisation,
        purchaser=purchaser,
        org_admin=org_admin,
        social_worker=social_worker,
    )
    run_evaluation(delivery, purchaser=purchaser, staff=staff, third_party=third_party, score=93)
    case = publish_case(index, completed(delivery), editors)
    html = client.get(case.url).content.decode()
    assert "服务对象满意度" in html and "93 分" in html
    assert "优秀" in html


def test_an_editor_drafts_and_submits_but_cannot_publish(index, project, editors):
    editor, reviewer = editors
    case = case_draft(index=index, user=editor, title="案例", project=project, body=BODY)
    assert not case.live
    assert not case.permissions_for_user(editor).can_publish()
    case_submit(case=case, user=editor)
    with pytest.raises(PermissionDenied):
        case_approve(case=case, user=editor)
    assert not CasePage.objects.get(pk=case.pk).live
    case = case_approve(case=case, user=reviewer)
    assert case.live and case.live_revision is not None


def test_an_editor_publishing_through_the_admin_publishes_nothing(client, index, project, editors):
    editor, _reviewer = editors
    case = case_draft(index=index, user=editor, title="案例", project=project, body=BODY)
    client.force_login(editor)
    data = {
        "title": "改过的案例",
        "slug": case.slug,
        "project": project.pk,
        "summary": "",
        "body-count": "0",
        "action-publish": "publish",
    }
    client.post(f"/cms-admin/pages/{case.pk}/edit/", data)
    case.refresh_from_db()
    assert not case.live
    assert client.get(case.url or "/cases/none/").status_code == 404


def test_a_case_about_a_project_not_completed_is_refused(index, editors):
    editor, _reviewer = editors
    running = force_state(ProjectFactory(), ProjectState.IN_DELIVERY)
    with pytest.raises(WorkflowError) as refused:
        case_draft(index=index, user=editor, title="案例", project=running, body=BODY)
    assert refused.value.status == 400
    assert "已完成" in str(refused.value)
    assert not CasePage.objects.exists()
    with pytest.raises(ValidationError):
        CasePage(title="案例", slug="x", project=running, body=BODY).clean()


def test_the_admin_offers_and_accepts_completed_projects_only(client, index, project, editors):
    running = force_state(ProjectFactory(title="正在执行的项目"), ProjectState.IN_DELIVERY)
    client.force_login(editors[0])
    add_url = f"/cms-admin/pages/add/cms/casepage/{index.pk}/"
    html = client.get(add_url).content.decode()
    assert f'value="{project.pk}"' in html
    assert f'value="{running.pk}"' not in html
    data = {
        "title": "案例",
        "slug": "case",
        "project": running.pk,
        "body-count": "1",
        "body-0-type": "quote",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-0-value-text": "以前一个人在家摔倒了都没人知道。",
        "body-0-value-attribution": "张奶奶",
    }
    response = client.post(add_url, {**data, "action-submit": "submit"})
    assert response.status_code == 200  # the form again, with the error
    assert not CasePage.objects.exists()
    response = client.post(add_url, {**data, "project": project.pk, "action-submit": "submit"})
    assert response.status_code == 302
    case = CasePage.objects.get()
    assert not case.live and case.workflow_in_progress


def test_an_outsider_cannot_write_a_case(index, project, outsider):
    with pytest.raises(PermissionDenied):
        case_draft(index=index, user=outsider, title="案例", project=project, body=BODY)


@pytest.mark.parametrize("logs", [1, 12])
def test_case_page_constant_queries(
    client, django_assert_max_num_queries, index, editors, logs, *, request
):
    fixtures = {
        n: request.getfixturevalue(n)
        for n in ("organisation", "purchaser", "org_admin", "social_worker")
    }
    project = completed(delivered(logs=logs, **fixtures))
    case = publish_case(index, project, editors)
    with django_assert_max_num_queries(CASE_QUERIES):
        response = client.get(case.url)
    assert response.status_code == 200
    assert f"{logs} 场次" in response.content.decode()


def test_case_index_lists_live_cases(client, index, project, editors):
    publish_case(index, project, editors, title="居家养老上门服务")
    html = client.get(index.url).content.decode()
    assert "居家养老上门服务" in html
    assert "<title>" in html and 'name="description"' in html

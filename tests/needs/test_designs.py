from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace.models import Notification, ProjectState
from marketplace.services.projects import project_approve, project_submit
from marketplace.workflow import WorkflowError, apply_transition
from needs.models import Decision, NeedState
from needs.services import designs
from needs.services.consultations import Participant, consultation_record
from tests.marketplace.factories import ProjectFactory, force_state

from .factories import NeedFactory, complete, go_forward, published


def fields(**overrides):
    values = dict(
        title="翠湖长者关爱项目",
        background="独居老人多",
        beneficiaries="独居老人",
        objectives="提升生活质量",
        service_content="上门探访",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
    )
    return designs.DesignFields(**(values | overrides))


LINES = dict(
    indicators=[designs.IndicatorLine("output", "开展活动", "场", Decimal(40))],
    budget_lines=[designs.BudgetItem("活动物料", Decimal("500"), Decimal(40))],
)


def create(user, community, needs, **kw):
    return designs.design_create(
        user=user, community=community, fields=fields(**kw), needs=needs, **LINES
    )


PEOPLE = [Participant("resident", "张三"), Participant("staff", "李四")]


class TestConsultation:
    def test_staff_records_decisions(self, staff, places):
        need = published()
        consultation = consultation_record(
            user=staff,
            community=places["community_a"],
            date=date(2026, 11, 20),
            place="议事厅",
            participants=PEOPLE,
            minutes="同意推进",
            decisions=[(need, Decision.GO_FORWARD, "")],
        )
        assert consultation.decisions.get().need == need

    def test_staff_of_another_community_cannot_record(self, staff_b, places):
        with pytest.raises(PermissionDenied):
            consultation_record(
                user=staff_b,
                community=places["community_a"],
                date=date(2026, 11, 20),
                place="x",
                participants=PEOPLE,
                minutes="x",
                decisions=[(published(), Decision.GO_FORWARD, "")],
            )

    def test_deferring_needs_a_reason_and_a_published_need(self, staff, places):
        base = dict(
            user=staff,
            community=places["community_a"],
            date=date(2026, 11, 20),
            place="x",
            participants=PEOPLE,
            minutes="x",
        )
        with pytest.raises(WorkflowError):
            consultation_record(**base, decisions=[(published(), Decision.DEFER, "")])
        with pytest.raises(WorkflowError):
            consultation_record(**base, decisions=[(NeedFactory(), Decision.GO_FORWARD, "")])


class TestDesign:
    def test_design_from_a_go_forward_need_adopts_it(self, staff, places):
        need = published()
        go_forward(need, staff)
        project = create(staff, places["community_a"], [need])
        need.refresh_from_db()
        assert need.state == NeedState.ADOPTED and need.project == project
        assert project.purchaser_place == places["huashan"]
        assert project.state == ProjectState.DRAFT and project.budget_total == Decimal("20000")

    def test_a_need_without_a_go_forward_decision_cannot_be_adopted(self, staff, places):
        need = published()
        with pytest.raises(WorkflowError, match="协商"):
            create(staff, places["community_a"], [need])
        need.refresh_from_db()
        assert need.state == NeedState.PUBLISHED and need.project is None

    def test_a_later_defer_overrides_an_earlier_go_forward(self, staff, places):
        need = published()
        go_forward(need, staff, when=date(2026, 10, 1))
        go_forward(need, staff, decision=Decision.DEFER, when=date(2026, 11, 1))
        with pytest.raises(WorkflowError):
            create(staff, places["community_a"], [need])

    def test_adopt_transition_in_wrong_state_and_without_permission(self, staff, staff_b):
        project = ProjectFactory(designer=staff)
        need = NeedFactory()
        go_forward(need, staff)
        with pytest.raises(WorkflowError, match="当前状态"):
            apply_transition(need, "adopt", actor=staff, project=project)
        force_state(need, NeedState.PUBLISHED)
        with pytest.raises(PermissionDenied):
            apply_transition(need, "adopt", actor=staff_b, project=project)

    def test_a_design_without_needs_must_say_why(self, staff, places):
        with pytest.raises(WorkflowError):
            create(staff, places["community_a"], [])
        project = create(staff, places["community_a"], [], no_need_reason="街道重点工作")
        assert project.no_need_reason

    def test_staff_of_another_community_cannot_design(self, staff, staff_b, places):
        need = published()
        go_forward(need, staff)
        with pytest.raises(PermissionDenied):
            create(staff_b, places["community_a"], [need])
        need.refresh_from_db()
        assert need.state == NeedState.PUBLISHED

    def test_needs_of_another_community_cannot_be_linked(self, staff_b, places):
        need = published()
        go_forward(need, staff_b)
        with pytest.raises(WorkflowError):
            create(staff_b, places["community_b"], [need])

    def test_update_swaps_needs_and_lines_only_while_editable(self, staff, places, purchaser):
        first, second = published(), published()
        go_forward(first, staff)
        go_forward(second, staff)
        project = create(staff, places["community_a"], [first])
        project = designs.design_update(
            project=project,
            user=staff,
            fields=fields(title="改名后的项目"),
            needs=[second],
            indicators=LINES["indicators"] * 2,
            budget_lines=LINES["budget_lines"],
        )
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.state == NeedState.PUBLISHED and first.project is None
        assert second.state == NeedState.ADOPTED and second.project == project
        assert project.title == "改名后的项目" and project.indicators.count() == 2
        project = project_submit(project=project, user=staff)
        with pytest.raises(WorkflowError, match="草稿或退回"):
            designs.design_update(
                project=project, user=staff, fields=fields(), needs=[second], **LINES
            )

    def test_staff_of_another_community_cannot_update(self, staff, staff_b, places):
        project = create(staff, places["community_a"], [], no_need_reason="重点工作")
        with pytest.raises(PermissionDenied):
            designs.design_update(
                project=project, user=staff_b, fields=fields(title="x"), needs=[], **LINES
            )


class TestFulfilment:
    def test_completing_the_project_fulfils_its_needs(
        self, staff, purchaser, places, django_capture_on_commit_callbacks
    ):
        need = published()
        follower = NeedFactory().author
        from needs.services.needs import need_follow

        need_follow(need=need, user=follower)
        go_forward(need, staff)
        project = create(staff, places["community_a"], [need])
        project = project_submit(project=project, user=staff)
        project_approve(
            project=project, user=purchaser, budget=Decimal("20000"), funding_source="fiscal"
        )
        with django_capture_on_commit_callbacks(execute=True):
            complete(project, purchaser)
        need.refresh_from_db()
        assert need.state == NeedState.FULFILLED
        from marketplace.models import TransitionRecord

        record = TransitionRecord.objects.get(object_id=need.pk, transition="fulfil")
        assert record.by == purchaser
        key = f"need-fulfilled-{need.pk}"
        assert Notification.objects.filter(user=need.author, key=key).exists()
        assert Notification.objects.filter(user=follower, key=key).exists()

    def test_followers_hear_of_each_project_step_and_see_it_on_my_needs(
        self, client, staff, purchaser, places, django_capture_on_commit_callbacks
    ):
        need = published(title="独居老人探访")
        go_forward(need, staff)
        project = create(staff, places["community_a"], [need])
        with django_capture_on_commit_callbacks(execute=True):
            project = project_submit(project=project, user=staff)
            project_approve(
                project=project, user=purchaser, budget=Decimal("20000"), funding_source="fiscal"
            )
        key = f"need-project-{need.pk}-{project.pk}-approved"
        assert Notification.objects.filter(user=need.author, key=key).count() == 1
        others = Notification.objects.filter(key__startswith=f"need-project-{need.pk}-")
        assert not others.exclude(key=key).exists()
        client.force_login(need.author)
        body = client.get(reverse("needs:mine")).content.decode()
        assert "项目：" in body and "已批准" in body

    def test_terminating_the_project_releases_its_needs(self, staff, purchaser, places):
        need = published()
        go_forward(need, staff)
        project = create(staff, places["community_a"], [need])
        force_state(project, ProjectState.IN_DELIVERY, approved_budget=1, funding_source="fiscal")
        apply_transition(project, "terminate", actor=purchaser, reason="承接机构退出")
        need.refresh_from_db()
        assert need.state == NeedState.PUBLISHED and need.project is None

    def test_other_steps_leave_needs_alone(self, staff, purchaser, places):
        need = published()
        go_forward(need, staff)
        project = create(staff, places["community_a"], [need])
        project_submit(project=project, user=staff)
        need.refresh_from_db()
        assert need.state == NeedState.ADOPTED

    def test_fulfil_is_refused_to_others_and_before_adoption(self, staff, places):
        need = published()
        with pytest.raises(WorkflowError):
            apply_transition(need, "fulfil", actor=staff)
        go_forward(need, staff)
        create(staff, places["community_a"], [need])
        with pytest.raises(PermissionDenied):
            apply_transition(need, "fulfil", actor=staff)


class TestApprovedProjectHelper:
    def test_it_builds_an_approved_project_once(self, staff, purchaser, resident, resident2):
        from needs.demo import approved_project

        args = dict(
            title="翠湖测试项目",
            community_code="530102001001",
            need_titles=["需求甲", "需求乙"],
            budget=50000,
        )
        project = approved_project(**args)
        assert project.state == ProjectState.APPROVED
        assert project.approved_budget == Decimal("50000")
        assert sorted(project.needs.values_list("title", flat=True)) == ["需求乙", "需求甲"]
        assert set(project.needs.values_list("state", flat=True)) == {NeedState.ADOPTED}
        assert project.needs.get(title="需求甲").endorsement_count == 1
        assert approved_project(**args) == project
        assert project.needs.count() == 2


class TestDesignViews:
    def post_data(self, need_ids, **over):
        data = {
            "title": "翠湖长者关爱项目",
            "background": "独居老人多",
            "beneficiaries": "独居老人",
            "objectives": "提升生活质量",
            "service_content": "上门探访",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "no_need_reason": "",
            "needs": need_ids,
            "ind-TOTAL_FORMS": "2",
            "ind-INITIAL_FORMS": "0",
            "ind-0-kind": "output",
            "ind-0-name": "开展活动",
            "ind-0-unit": "场",
            "ind-0-target": "40",
            "ind-1-kind": "output",
            "bud-TOTAL_FORMS": "2",
            "bud-INITIAL_FORMS": "0",
            "bud-0-item": "活动物料",
            "bud-0-unit_price": "500",
            "bud-0-quantity": "40",
        }
        return data | over

    def test_staff_creates_a_design_and_lands_on_the_project_page(self, client, staff):
        need = published()
        go_forward(need, staff)
        client.force_login(staff)
        assert client.get(reverse("needs:design_create")).status_code == 200
        response = client.post(reverse("needs:design_create"), self.post_data([need.pk]))
        need.refresh_from_db()
        assert response.status_code == 302
        assert response["Location"] == reverse("project_detail", args=[need.project_id])
        page = client.get(response["Location"]).content.decode()
        assert need.title in page and "修改项目书" in page

    def test_more_rows_than_the_form_first_offers_are_saved(self, client, staff):
        need = published()
        go_forward(need, staff)
        client.force_login(staff)
        form = client.get(reverse("needs:design_create")).content.decode()
        assert 'data-formset-add="ind"' in form and 'id="ind-empty"' in form
        rows = {"ind-TOTAL_FORMS": "5", "bud-TOTAL_FORMS": "4"}
        for i in range(5):
            rows |= {f"ind-{i}-kind": "output", f"ind-{i}-name": f"指标{i}", f"ind-{i}-unit": "场"}
            rows[f"ind-{i}-target"] = str(10 + i)
        for i in range(4):
            rows |= {f"bud-{i}-item": f"支出{i}", f"bud-{i}-unit_price": "100"}
            rows[f"bud-{i}-quantity"] = "2"
        response = client.post(reverse("needs:design_create"), self.post_data([need.pk]) | rows)
        assert response.status_code == 302
        need.refresh_from_db()
        assert need.project.indicators.count() == 5
        assert need.project.budget_lines.count() == 4

    def test_form_shows_errors_and_keeps_input(self, client, staff):
        client.force_login(staff)
        response = client.post(
            reverse("needs:design_create"), self.post_data([], background="保留的背景")
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "须说明理由" in body and "保留的背景" in body

    def test_ineligible_need_is_not_offered(self, client, staff):
        need = published()  # no consultation decision
        client.force_login(staff)
        response = client.post(reverse("needs:design_create"), self.post_data([need.pk]))
        assert response.status_code == 400
        need.refresh_from_db()
        assert need.state == NeedState.PUBLISHED

    def test_staff_b_cannot_create_for_community_a(self, client, staff_b, places):
        client.force_login(staff_b)
        url = reverse("needs:design_create") + "?community=" + places["community_a"].code
        assert client.get(url).status_code == 403

    def test_edit_prefills_and_saves(self, client, staff, places):
        project = create(staff, places["community_a"], [], no_need_reason="重点工作")
        client.force_login(staff)
        url = reverse("needs:design_edit", args=[project.pk])
        page = client.get(url).content.decode()
        assert "开展活动" in page and "重点工作" in page
        data = self.post_data([], no_need_reason="重点工作", title="新名称")
        data |= {"ind-INITIAL_FORMS": "1", "bud-INITIAL_FORMS": "1"}
        assert client.post(url, data).status_code == 302
        project.refresh_from_db()
        assert project.title == "新名称" and project.budget_lines.count() == 1

    def test_edit_refused_after_submission_and_to_others(self, client, staff, staff_b, places):
        project = create(staff, places["community_a"], [], no_need_reason="重点工作")
        client.force_login(staff_b)
        assert client.get(reverse("needs:design_edit", args=[project.pk])).status_code == 403
        force_state(project, ProjectState.SUBMITTED)
        client.force_login(staff)
        assert client.get(reverse("needs:design_edit", args=[project.pk])).status_code == 409

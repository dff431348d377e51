import pytest
from django.core.exceptions import PermissionDenied

from marketplace.models import Notification, TransitionRecord
from marketplace.workflow import WorkflowError
from needs.models import Category, Need, NeedState
from needs.services import needs as services
from tests.marketplace.factories import force_state

from .factories import NeedFactory, published


def test_resident_submits_a_need_in_their_community(
    resident, places, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        need = services.need_submit(
            user=resident,
            community=places["community_a"],
            category=Category.ELDERLY,
            title="居家养老服务",
            description="希望有人上门探访独居老人。",
            people_count=12,
            contact_phone="13812341234",
        )
    assert need.state == NeedState.SUBMITTED
    assert need.follows.filter(user=resident).exists()
    assert Notification.objects.filter(user=resident, key=f"need-submitted-{need.pk}").exists()


def test_a_need_must_name_a_community_not_a_street(resident, places):
    with pytest.raises(WorkflowError):
        services.need_submit(
            user=resident,
            community=places["huashan"],
            category=Category.OTHER,
            title="x",
            description="y",
        )


def test_staff_publishes_and_it_is_recorded(staff, django_capture_on_commit_callbacks):
    need = NeedFactory()
    with django_capture_on_commit_callbacks(execute=True):
        need = services.need_publish(need=need, user=staff)
    assert need.state == NeedState.PUBLISHED and need.published_at
    record = TransitionRecord.objects.get(object_id=need.pk, transition="publish")
    assert (record.by, record.source, record.target) == (staff, "submitted", "published")
    assert Notification.objects.filter(user=need.author, key=f"need-published-{need.pk}").exists()


def test_staff_of_another_community_cannot_publish(staff_b):
    need = NeedFactory()
    with pytest.raises(PermissionDenied):
        services.need_publish(need=need, user=staff_b)
    need.refresh_from_db()
    assert need.state == NeedState.SUBMITTED


def test_staff_of_the_street_above_may_review(places):
    from tests.marketplace.factories import UserFactory, grant

    street_staff = grant(UserFactory(), "community_staff", place=places["huashan"])
    need = services.need_publish(need=NeedFactory(), user=street_staff)
    assert need.state == NeedState.PUBLISHED


def test_publish_in_wrong_state_is_refused(staff):
    need = published()
    with pytest.raises(WorkflowError, match="当前状态"):
        services.need_publish(need=need, user=staff)


def test_reject_needs_a_reason_and_keeps_it(staff):
    need = NeedFactory()
    with pytest.raises(WorkflowError):
        services.need_reject(need=need, user=staff, reason="  ")
    need = services.need_reject(need=need, user=staff, reason="属物业管理事项")
    assert need.state == NeedState.REJECTED
    assert (
        TransitionRecord.objects.get(object_id=need.pk, target="rejected").reason
        == "属物业管理事项"
    )


def test_only_the_author_withdraws(staff):
    need = NeedFactory()
    with pytest.raises(PermissionDenied):
        services.need_withdraw(need=need, user=staff)
    need = services.need_withdraw(need=need, user=need.author)
    assert need.state == NeedState.WITHDRAWN
    with pytest.raises(WorkflowError):
        services.need_withdraw(need=need, user=need.author)


def test_state_cannot_be_assigned_directly(db):
    need = NeedFactory()
    with pytest.raises(AttributeError):
        need.state = NeedState.PUBLISHED


class TestMerge:
    def test_merge_keeps_every_endorsement_without_duplicates(self, staff, resident, resident2):
        from tests.marketplace.factories import UserFactory

        target = published()
        duplicate = published()
        third = UserFactory()
        services.need_endorse(need=target, user=resident)
        services.need_endorse(need=duplicate, user=resident)  # endorsed both
        services.need_endorse(need=duplicate, user=resident2)
        services.need_endorse(need=duplicate, user=third)
        services.need_follow(need=duplicate, user=third)

        duplicate = services.need_merge(need=duplicate, into=target, user=staff)

        target.refresh_from_db()
        assert duplicate.state == NeedState.MERGED and duplicate.merged_into == target
        endorsers = set(target.endorsements.values_list("user_id", flat=True))
        assert endorsers == {resident.pk, resident2.pk, third.pk}
        assert target.endorsement_count == 3 == target.endorsements.count()
        assert duplicate.endorsements.count() == 0 and duplicate.endorsement_count == 0
        followers = set(target.follows.values_list("user_id", flat=True))
        assert {third.pk, duplicate.author_id} <= followers

    def test_staff_of_another_community_cannot_merge(self, staff_b):
        target, duplicate = published(), published()
        with pytest.raises(PermissionDenied):
            services.need_merge(need=duplicate, into=target, user=staff_b)
        duplicate.refresh_from_db()
        assert duplicate.state == NeedState.PUBLISHED

    def test_cannot_merge_across_communities_or_into_itself(self, staff, places):
        need = published()
        other = published(community=places["community_b"])
        with pytest.raises(WorkflowError):
            services.need_merge(need=need, into=other, user=staff)
        with pytest.raises(WorkflowError):
            services.need_merge(need=need, into=need, user=staff)

    def test_cannot_merge_into_a_rejected_need(self, staff):
        target = force_state(NeedFactory(), NeedState.REJECTED)
        with pytest.raises(WorkflowError):
            services.need_merge(need=published(), into=target, user=staff)


class TestEndorse:
    def test_a_resident_endorses_once(self, resident):
        need = published()
        services.need_endorse(need=need, user=resident)
        with pytest.raises(WorkflowError, match="已附议"):
            services.need_endorse(need=need, user=resident)
        need.refresh_from_db()
        assert need.endorsement_count == 1 == need.endorsements.count()

    @pytest.mark.parametrize("state", ["submitted", "rejected", "withdrawn", "merged", "adopted"])
    def test_only_published_needs_can_be_endorsed(self, resident, state):
        need = force_state(NeedFactory(), state)
        with pytest.raises(WorkflowError):
            services.need_endorse(need=need, user=resident)
        assert Need.objects.get(pk=need.pk).endorsement_count == 0

    def test_anonymous_cannot_endorse(self, places):
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(PermissionDenied):
            services.need_endorse(need=published(), user=AnonymousUser())

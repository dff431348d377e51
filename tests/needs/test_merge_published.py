"""Staff merge a published need (with endorsements and followers) from its page."""

import pytest
from django.urls import reverse

from marketplace.models import Notification
from needs.models import NeedState
from needs.services import needs as services
from tests.marketplace.factories import UserFactory, force_state

from .factories import NeedFactory, published


@pytest.fixture
def duplicate_and_target(resident, resident2):
    target = published(title="社区老年食堂助餐服务")
    duplicate = published(title="希望有老年助餐点")
    follower = UserFactory(name="赵关注")
    services.need_endorse(need=target, user=resident)
    services.need_endorse(need=duplicate, user=resident)  # endorsed both
    services.need_endorse(need=duplicate, user=resident2)
    services.need_follow(need=duplicate, user=follower)
    return duplicate, target, follower


def test_staff_see_the_merge_and_out_of_scope_actions_on_the_page(client, staff, places):
    need = published(title="源需求")
    published(title="可合并的需求")
    published(title="别的社区的需求", community=places["community_b"])
    force_state(NeedFactory(title="未公开的需求"), NeedState.SUBMITTED)
    client.force_login(staff)
    body = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "合并到另一需求" in body and "不属于服务范围" in body
    options = body[
        body.index('id="merge-into"') : body.index("</select>", body.index("merge-into"))
    ]
    assert "可合并的需求" in options
    assert "源需求" not in options and "别的社区的需求" not in options
    assert "未公开的需求" not in options


def test_residents_and_other_staff_see_no_review_actions(client, resident, staff_b):
    need = published()
    for user in (resident, staff_b):
        client.force_login(user)
        body = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
        assert "合并到另一需求" not in body and "标记为不属于服务范围" not in body


def test_merge_a_published_need_over_http(
    client, staff, resident, resident2, duplicate_and_target, django_capture_on_commit_callbacks
):
    duplicate, target, follower = duplicate_and_target
    client.force_login(staff)
    url = reverse("needs:merge", args=[duplicate.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"into": target.pk, "reason": "同一诉求", "back": "detail"})
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:detail", args=[duplicate.pk])
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert duplicate.state == NeedState.MERGED and duplicate.merged_into == target
    endorsers = list(target.endorsements.values_list("user_id", flat=True))
    assert sorted(endorsers) == sorted([resident.pk, resident2.pk])  # no duplicate row
    assert target.endorsement_count == 2 and duplicate.endorsement_count == 0
    followers = set(target.follows.values_list("user_id", flat=True))
    assert {follower.pk, duplicate.author_id, resident.pk, resident2.pk} <= followers
    assert not duplicate.follows.exists()

    body = client.get(reverse("needs:detail", args=[duplicate.pk])).content.decode()
    assert "此需求已合并到" in body
    assert f'href="{reverse("needs:detail", args=[target.pk])}"' in body
    assert "合并到另一需求" not in body  # a merged need cannot be merged again

    told = set(
        Notification.objects.filter(key=f"need-merged-{duplicate.pk}").values_list(
            "user_id", flat=True
        )
    )
    assert {duplicate.author_id, follower.pk, resident.pk, resident2.pk} <= told
    assert Notification.objects.filter(
        user=target.author, key=f"need-merged-into-{target.pk}-{duplicate.pk}"
    ).exists()


def test_others_may_not_merge(client, resident, staff_b, duplicate_and_target):
    duplicate, target, _follower = duplicate_and_target
    url = reverse("needs:merge", args=[duplicate.pk])
    for user in (resident, staff_b):
        client.force_login(user)
        assert client.post(url, {"into": target.pk}).status_code == 403
    client.logout()
    assert client.post(url, {"into": target.pk}).status_code == 302  # to the login page
    duplicate.refresh_from_db()
    assert duplicate.state == NeedState.PUBLISHED and duplicate.endorsements.count() == 2


@pytest.mark.parametrize("state", [NeedState.REJECTED, NeedState.WITHDRAWN, NeedState.MERGED])
def test_a_need_in_the_wrong_state_cannot_be_merged(client, staff, state):
    need, target = force_state(NeedFactory(), state), published()
    client.force_login(staff)
    response = client.post(reverse("needs:merge", args=[need.pk]), {"into": target.pk})
    assert response.status_code == 409
    assert "不能执行此操作" in response.content.decode()
    need.refresh_from_db()
    assert need.state == state


def test_refused_targets(client, staff, places, duplicate_and_target):
    duplicate, target, _follower = duplicate_and_target
    merged = force_state(NeedFactory(merged_into=target), NeedState.MERGED)
    submitted = NeedFactory(title="待审核的需求")
    adopted = force_state(NeedFactory(), NeedState.ADOPTED)
    elsewhere = published(community=places["community_b"])
    client.force_login(staff)
    url = reverse("needs:merge", args=[duplicate.pk])
    for into, message in [
        (duplicate, "不能合并到需求自身"),
        (merged, "已合并到其他需求"),
        (submitted, "只能合并到已公开的需求"),
        (adopted, "只能合并到已公开的需求"),
        (elsewhere, "只能合并到同一社区的需求"),
    ]:
        response = client.post(url, {"into": into.pk})
        assert response.status_code == 400, message
        assert message in response.content.decode()
    response = client.post(url, {"into": 999999})
    assert response.status_code == 400 and "请选择要合并到的需求" in response.content.decode()
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert duplicate.state == NeedState.PUBLISHED and duplicate.merged_into is None
    assert duplicate.endorsements.count() == 2 and target.endorsement_count == 1


def test_out_of_scope_from_the_need_page(client, staff, staff_b):
    need = published()
    url = reverse("needs:out_of_scope", args=[need.pk])
    client.force_login(staff_b)
    assert client.post(url, {"reason": "请拨打 12345", "back": "detail"}).status_code == 403
    client.force_login(staff)
    response = client.post(url, {"reason": " ", "back": "detail"})
    assert response.status_code == 400 and "须说明理由" in response.content.decode()
    response = client.post(url, {"reason": "请拨打 12345", "back": "detail"})
    assert response["Location"] == reverse("needs:detail", args=[need.pk])
    need.refresh_from_db()
    assert need.state == NeedState.OUT_OF_SCOPE
    assert client.post(url, {"reason": "再次", "back": "detail"}).status_code == 409


@pytest.mark.parametrize("size", [5, 300])
def test_the_staff_view_of_a_need_runs_constant_queries(
    client, staff, places, django_assert_max_num_queries, size
):
    from .factories import many_published

    many_published(size, communities=[places["community_a"]], authors=[UserFactory()])
    need = published()
    for _ in range(5):
        services.need_endorse(need=need, user=UserFactory())
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        body = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "合并到另一需求" in body
    assert body.count("批量需求") == min(size, 200)  # at most 200 merge targets offered

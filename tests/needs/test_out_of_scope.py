"""不属于服务范围: staff mark a need out of scope with a reason the author sees."""

from django.urls import reverse

from marketplace.models import Notification, TransitionRecord
from needs.models import NeedState

from .factories import NeedFactory, published


def test_staff_mark_out_of_scope_and_the_author_is_told(
    client, staff, django_capture_on_commit_callbacks
):
    need = NeedFactory()
    client.force_login(staff)
    url = reverse("needs:out_of_scope", args=[need.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "道路维修请拨打 12345 反映"})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == NeedState.OUT_OF_SCOPE and not need.is_public
    record = TransitionRecord.objects.get(object_id=need.pk, target=NeedState.OUT_OF_SCOPE)
    assert record.by == staff and "12345" in record.reason
    note = Notification.objects.get(user=need.author, title__contains="不属于")
    assert "12345" in note.body


def test_out_of_scope_needs_a_reason(client, staff):
    need = NeedFactory()
    client.force_login(staff)
    client.post(reverse("needs:out_of_scope", args=[need.pk]), {"reason": " "})
    need.refresh_from_db()
    assert need.state == NeedState.SUBMITTED


def test_staff_of_another_community_cannot(client, staff_b):
    need = published()
    client.force_login(staff_b)
    url = reverse("needs:out_of_scope", args=[need.pk])
    assert client.post(url, {"reason": "不属于"}).status_code == 403
    need.refresh_from_db()
    assert need.state == NeedState.PUBLISHED


def test_bulk_out_of_scope_is_all_or_nothing(client, staff, places):
    mine = [NeedFactory(), NeedFactory()]
    client.force_login(staff)
    url = reverse("needs:bulk_publish")
    ids = [n.pk for n in mine]
    response = client.post(url, {"need": ids, "action": "out_of_scope", "reason": ""})
    assert response.status_code == 400
    assert {n.state for n in type(mine[0]).objects.filter(pk__in=ids)} == {"submitted"}
    other = NeedFactory(community=places["community_b"])
    data = {"need": [*ids, other.pk], "action": "out_of_scope", "reason": "交由司法所办理"}
    assert client.post(url, data).status_code == 403
    assert {n.state for n in type(mine[0]).objects.filter(pk__in=ids)} == {"submitted"}
    data["need"] = ids
    assert client.post(url, data).status_code == 302
    assert {n.state for n in type(mine[0]).objects.filter(pk__in=ids)} == {"out_of_scope"}


def test_the_author_sees_the_reason_on_my_needs(client, staff, resident):
    need = NeedFactory(author=resident)
    client.force_login(staff)
    client.post(reverse("needs:out_of_scope", args=[need.pk]), {"reason": "请联系街道城建科"})
    client.force_login(resident)
    body = client.get(reverse("needs:mine")).content.decode()
    assert "不属于服务范围" in body and "请联系街道城建科" in body

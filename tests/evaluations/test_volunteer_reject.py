"""Community staff reject a self-registration with a reason; the person corrects and resubmits."""

import pytest
from django.urls import reverse

from evaluations.models import Volunteer, VolunteerState
from evaluations.services.volunteers import volunteer_reject
from marketplace.models import Notification, TransitionRecord
from marketplace.workflow import WorkflowError

from .factories import id_number, make_volunteer
from .test_volunteer_self import URL, data, register


def reject_url(volunteer):
    return reverse("evaluations:volunteer_reject", args=[volunteer.pk])


def test_staff_reject_with_a_reason_and_the_person_is_told(
    client, resident, staff, places, django_capture_on_commit_callbacks
):
    volunteer = register(resident, places)
    page = reverse("evaluations:volunteer", args=[volunteer.pk])
    client.force_login(staff)
    assert "不通过核实" in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reject_url(volunteer), {"reason": "身份证号码与本人不符"})
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.state == VolunteerState.REJECTED
    record = TransitionRecord.objects.get(object_id=volunteer.pk, transition="reject")
    assert (record.by, record.source, record.target) == (staff, "unverified", "rejected")
    assert record.reason == "身份证号码与本人不符"
    note = Notification.objects.get(user=resident)
    assert note.body == "身份证号码与本人不符" and note.url == page
    client.force_login(resident)
    own = client.get(page).content.decode()
    assert "未通过核实" in own and "身份证号码与本人不符" in own and "重新提交" in own


def test_an_empty_reason_others_and_wrong_states_are_refused(
    client, resident, staff, staff_b, org_admin, organisation, places
):
    volunteer = register(resident, places)  # serves community A only
    client.force_login(staff)
    empty = client.post(reject_url(volunteer), {"reason": "  "})
    assert empty.status_code == 400 and "请填写不通过核实的理由" in empty.content.decode()
    for user in (staff_b, resident, org_admin):
        client.force_login(user)
        assert client.post(reject_url(volunteer), {"reason": "不符"}).status_code == 403
    volunteer.refresh_from_db()
    assert volunteer.state == VolunteerState.UNVERIFIED and not volunteer.rejection_reason
    assert not TransitionRecord.objects.filter(transition="reject").exists()
    registered = make_volunteer(organisation=organisation, user=org_admin, n=5)
    with pytest.raises(WorkflowError):
        volunteer_reject(volunteer=registered, user=staff, reason="不符")


def test_a_rejected_person_corrects_and_resubmits(
    client, resident, resident2, staff, places, django_capture_on_commit_callbacks
):
    volunteer = register(resident, places)
    volunteer_reject(volunteer=volunteer, user=staff, reason="身份证号码有误")
    client.force_login(resident)
    form = client.get(URL).content.decode()
    assert "身份证号码有误" in form and volunteer.id_number in form
    # Another person's ID number is still refused (one registration per ID number).
    taken = register(resident2, places, n=3)
    dup = client.post(URL, data(places, n=3))
    assert dup.status_code == 400 and "不能重复登记" in dup.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data(places, n=2, name="李秀兰", skills="书法"))
    assert response.status_code == 302
    assert staff.notifications.filter(title__startswith="志愿者修改后重新提交").count() == 1
    volunteer.refresh_from_db()
    assert volunteer.state == VolunteerState.UNVERIFIED and volunteer.id_number == id_number(2)
    assert volunteer.skills == "书法" and not volunteer.rejection_reason
    assert Volunteer.objects.filter(user=resident).count() == 1 and taken.pk != volunteer.pk
    assert TransitionRecord.objects.filter(object_id=volunteer.pk, transition="resubmit").exists()
    # Once back to 待核实, the page is no longer a resubmission (one per account).
    again = client.post(URL, data(places, n=4))
    assert again.status_code == 400 and "每个账号只能登记一次" in again.content.decode()

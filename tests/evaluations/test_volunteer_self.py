"""A resident registers as a volunteer; staff of one of the chosen communities verify it."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Volunteer, VolunteerState
from evaluations.services.volunteer_hours import volunteer_service_record
from evaluations.services.volunteers import volunteer_self_register, volunteer_verify
from marketplace.models import Notification, Role, TransitionRecord
from marketplace.workflow import WorkflowError
from tests.conftest import grant
from tests.marketplace.factories import UserFactory

from .factories import id_number, make_volunteer
from .test_logs import record

URL = "/delivery/volunteers/register/"


def data(places, n=1, **kw):
    return {"name": "李秀兰", "phone": "13812340000", "id_number": id_number(n),
            "skills": "手工", "communities": [places["community_a"].pk]} | kw  # fmt: skip


def register(user, places, n=1, communities=None):
    return volunteer_self_register(
        user=user, name="李秀兰", phone="13812340000", id_number=id_number(n),
        communities=communities or [places["community_a"]],
    )  # fmt: skip


def test_a_resident_registers_from_my_work(client, resident, places):
    client.force_login(resident)
    assert reverse("evaluations:volunteer_self_new") == URL
    assert URL in client.get("/my/").content.decode()
    page = client.get(URL).content.decode()
    assert "翠湖西路社区居民委员会" in page and "水晶宫社区居民委员会" in page
    assert "西街口村委会" not in page  # another street
    response = client.post(URL, data(places))
    volunteer = Volunteer.objects.get()
    assert response.status_code == 302 and response.url == f"/delivery/volunteers/{volunteer.pk}/"
    assert volunteer.user == resident and volunteer.organisation is None
    assert volunteer.state == VolunteerState.UNVERIFIED and volunteer.number.startswith("ZY")
    own = client.get(response.url).content.decode()
    assert volunteer.id_number in own and "13812340000" in own and "待核实" in own


def test_one_registration_per_account_and_per_id_number(client, resident, resident2, places):
    client.force_login(resident)
    assert client.post(URL, data(places)).status_code == 302
    again = client.post(URL, data(places, n=2))
    assert again.status_code == 400 and "每个账号只能登记一次" in again.content.decode()
    client.force_login(resident2)
    same_id = client.post(URL, data(places, phone="13812349999"))
    assert same_id.status_code == 400 and "不能重复登记" in same_id.content.decode()
    assert Volunteer.objects.count() == 1


def test_bad_data_and_other_streets_are_refused(client, resident, places):
    client.force_login(resident)
    bad = client.post(URL, data(places, phone="123", communities=[places["village"].pk]))
    assert bad.status_code == 400
    with pytest.raises(ValidationError, match="不在您居住的街道"):
        register(resident, places, communities=[places["village"]])
    assert not Volunteer.objects.exists()


def test_only_residents_register_themselves(client, outsider, staff, places):
    for user in (outsider, staff):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, data(places)).status_code == 403
        with pytest.raises(PermissionDenied):
            register(user, places)
    assert not Volunteer.objects.exists()


def test_staff_of_the_community_verify_and_see_it_masked(client, resident, staff, places):
    volunteer = register(resident, places)
    url = reverse("evaluations:volunteer", args=[volunteer.pk])
    client.force_login(staff)
    assert "1 人待核实" in client.get("/my/").content.decode()
    page = client.get(url).content.decode()
    assert volunteer.masked_id_number in page and volunteer.id_number not in page
    assert "13812340000" not in page and "确认核实" in page
    response = client.post(reverse("evaluations:volunteer_verify", args=[volunteer.pk]))
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.state == VolunteerState.VERIFIED and volunteer.verified_at
    record = TransitionRecord.objects.get(object_id=volunteer.pk, transition="verify")
    assert (record.by, record.source, record.target) == (staff, "unverified", "verified")


def test_verification_refused_to_others_and_twice(client, resident, staff, staff_b, places):
    volunteer = register(resident, places)  # serves community A only
    for user in (staff_b, resident):
        client.force_login(user)
        verify = client.post(reverse("evaluations:volunteer_verify", args=[volunteer.pk]))
        assert verify.status_code == 403
    client.force_login(staff_b)
    assert client.get(reverse("evaluations:volunteer", args=[volunteer.pk])).status_code == 403
    volunteer_verify(volunteer=volunteer, user=staff)
    with pytest.raises(WorkflowError):
        volunteer_verify(volunteer=volunteer, user=staff)
    volunteer.refresh_from_db()
    assert volunteer.state == VolunteerState.VERIFIED


def test_unverified_volunteers_are_not_offered_for_hours(
    resident, organisation, org_admin, social_worker, places, delivery
):
    from evaluations.selectors import volunteers_for_delivery

    self_registered = register(resident, places)
    registered = make_volunteer(organisation=organisation, user=org_admin, n=5)
    assert list(volunteers_for_delivery(delivery)) == [registered]
    log = record(delivery, social_worker)
    start = timezone.make_aware(datetime.combine(log.date, time(9)))
    with pytest.raises(ValidationError, match="尚未经社区核实"):
        volunteer_service_record(
            log=log, user=social_worker, volunteer=self_registered, started_at=start,
            ended_at=start + timedelta(hours=1),
        )  # fmt: skip
    assert not self_registered.services.exists()


def test_figures_count_a_self_registration_once_verified(resident, staff, places):
    from evaluations.selectors import volunteer_figures

    volunteer = register(resident, places)
    assert volunteer_figures(place=places["community_a"])["registered"] == 0
    volunteer_verify(volunteer=volunteer, user=staff)
    assert volunteer_figures(place=places["community_a"])["registered"] == 1


def test_staff_of_the_chosen_communities_are_told(
    resident, staff, staff_b, places, django_capture_on_commit_callbacks
):
    street = grant(UserFactory(name="街道社工站"), Role.COMMUNITY_STAFF, place=places["huashan"])
    with django_capture_on_commit_callbacks(execute=True):
        volunteer = register(resident, places)
    told = Notification.objects.filter(title__startswith="新的志愿者登记待核实")
    assert {n.user for n in told} == {staff, street}  # not staff_b: community B not chosen
    assert told.first().url == f"/delivery/volunteers/{volunteer.pk}/"

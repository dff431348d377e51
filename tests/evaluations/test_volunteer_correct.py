"""Correcting a volunteer's record: the registering organisation's admins, or for a
self-registered volunteer the staff of its communities; every change recorded."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from evaluations.models import VolunteerChange
from evaluations.services.volunteer_corrections import volunteer_correct
from marketplace.models import Role
from tests.conftest import grant
from tests.marketplace.factories import UserFactory

from .factories import id_number, make_volunteer
from .test_volunteer_self import register


def url(volunteer):
    return reverse("evaluations:volunteer_correct", args=[volunteer.pk])


def form(places, **kw):
    return {"name": "赵志远", "phone": "13700000001", "skills": "急救、手工",
            "communities": [places["community_a"].pk]} | kw  # fmt: skip


def test_the_organisation_admin_corrects_and_the_change_is_recorded(
    client, organisation, org_admin, places
):
    volunteer = make_volunteer(organisation=organisation, user=org_admin)
    client.force_login(org_admin)
    page = client.get(reverse("evaluations:volunteer", args=[volunteer.pk])).content.decode()
    assert url(volunteer) in page
    edit = client.get(url(volunteer)).content.decode()
    assert 'name="id_number"' not in edit
    both = [places["community_a"].pk, places["community_b"].pk]
    response = client.post(url(volunteer), form(places, communities=both, id_number=id_number(9)))
    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.name == "赵志远" and volunteer.id_number == id_number(1)
    assert volunteer.communities.count() == 2
    change = VolunteerChange.objects.get()
    assert change.by == org_admin and set(change.changes) == {"name", "communities"}
    assert change.changes["name"] == ["赵志愿", "赵志远"]
    shown = client.get(response.url).content.decode()
    assert "信息更正记录" in shown and "赵志愿 → 赵志远" in shown and "周明" in shown
    # Submitting the same data again records nothing.
    assert client.post(url(volunteer), form(places, communities=both)).status_code == 302
    assert VolunteerChange.objects.count() == 1


def test_staff_correct_a_self_registered_volunteer_phone_masked_to_others(
    client, resident, staff, staff_b, places
):
    volunteer = register(resident, places)
    client.force_login(staff)
    response = client.post(url(volunteer), form(places, name="李秀兰", phone="13900001111"))
    assert response.status_code == 302
    change = VolunteerChange.objects.get()
    assert change.by == staff and change.changes["phone"] == ["13812340000", "13900001111"]
    staff_view = client.get(response.url).content.decode()
    assert "13900001111" not in staff_view and "139****1111" in staff_view
    client.force_login(resident)
    assert "13812340000 → 13900001111" in client.get(response.url).content.decode()


def test_others_are_refused_and_bad_input_changes_nothing(
    client, resident, staff, staff_b, organisation, organisation2, org_admin, social_worker, places
):
    registered = make_volunteer(organisation=organisation, user=org_admin)
    self_registered = register(resident, places, n=2)
    other_admin = grant(UserFactory(name="外单位"), Role.ORG_ADMIN, organisation=organisation2)
    refused = [(registered, u) for u in (social_worker, staff, other_admin, resident)]
    refused += [(self_registered, u) for u in (staff_b, org_admin, resident)]
    for volunteer, user in refused:
        client.force_login(user)
        assert client.get(url(volunteer)).status_code == 403
        assert client.post(url(volunteer), form(places)).status_code == 403
        with pytest.raises(PermissionDenied):
            volunteer_correct(volunteer=volunteer, user=user, name="某某", phone="13700000009",
                              communities=[places["community_a"]])  # fmt: skip
    client.force_login(org_admin)
    bad = client.post(url(registered), form(places, phone="123"))
    assert bad.status_code == 400
    registered.refresh_from_db()
    assert registered.name == "赵志愿" and not VolunteerChange.objects.exists()


def test_staff_keep_one_of_their_communities_when_correcting(client, resident, staff, places):
    volunteer = register(resident, places)
    client.force_login(staff)
    only_b = form(places, communities=[places["community_b"].pk])
    response = client.post(url(volunteer), only_b)
    assert response.status_code == 400
    assert "请至少保留一个您服务的社区" in response.content.decode()
    assert list(volunteer.communities.all()) == [places["community_a"]]
    assert not VolunteerChange.objects.exists()
    both = [places["community_a"].pk, places["community_b"].pk]
    assert client.post(url(volunteer), form(places, communities=both)).status_code == 302
    assert volunteer.communities.count() == 2

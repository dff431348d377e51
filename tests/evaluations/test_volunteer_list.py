"""The volunteer list: community staff and organisations each see their own, masked; export."""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from evaluations.services.volunteer_hours import volunteer_service_record
from marketplace.models import Role
from tests.imports.conftest import csv_rows, xlsx_rows
from tests.marketplace.factories import UserFactory, grant

from .factories import make_volunteer
from .test_logs import record

URL = "/delivery/volunteers/"


def test_staff_see_the_volunteers_of_their_communities_masked(
    client, organisation, org_admin, staff, staff_b, places
):
    a = make_volunteer(organisation=organisation, user=org_admin, n=1, name="甲志愿")
    b = make_volunteer(
        organisation=organisation, user=org_admin, n=2, name="乙志愿",
        communities=[places["community_b"]],
    )  # fmt: skip
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert "甲志愿" in page and "乙志愿" not in page
    assert a.masked_phone in page and a.masked_id_number in page
    assert a.phone not in page and a.id_number not in page
    assert client.get(reverse("evaluations:volunteer", args=[a.pk])).status_code == 200
    assert client.get(reverse("evaluations:volunteer", args=[b.pk])).status_code == 403
    client.force_login(staff_b)
    page = client.get(URL).content.decode()
    assert "乙志愿" in page and "甲志愿" not in page


def test_an_organisation_sees_volunteers_it_recorded_hours_for(
    client, delivery, organisation2, social_worker, org_admin, places
):
    other_admin = grant(UserFactory(), Role.ORG_ADMIN, organisation=organisation2)
    volunteer = make_volunteer(organisation=organisation2, user=other_admin, n=3, name="丙志愿")
    client.force_login(org_admin)
    assert "丙志愿" not in client.get(URL).content.decode()
    log = record(delivery, social_worker)
    start = timezone.make_aware(datetime.combine(log.date, time(9)))
    volunteer_service_record(
        log=log, user=social_worker, volunteer=volunteer, started_at=start,
        ended_at=start + timedelta(hours=2, minutes=30),
    )  # fmt: skip
    page = client.get(URL).content.decode()
    assert "丙志愿" in page and "2.5" in page and f"{log.date:%Y-%m-%d}" in page
    assert volunteer.id_number not in page  # not the registering organisation's admin


def test_filter_by_community(client, organisation, org_admin, places):
    make_volunteer(organisation=organisation, user=org_admin, n=1, name="甲志愿")
    make_volunteer(
        organisation=organisation, user=org_admin, n=2, name="乙志愿",
        communities=[places["community_b"]],
    )  # fmt: skip
    client.force_login(org_admin)
    page = client.get(URL, {"community": places["community_b"].code}).content.decode()
    assert "乙志愿" in page and "甲志愿" not in page
    assert "翠湖西路社区居民委员会</option>" in page  # the choices stay complete


def test_outsiders_list_nothing(client, organisation, org_admin, outsider):
    make_volunteer(organisation=organisation, user=org_admin, name="甲志愿")
    client.force_login(outsider)
    assert "甲志愿" not in client.get(URL).content.decode()
    assert csv_rows(client.get("/exports/volunteers.csv"))[1:] == []
    client.logout()
    assert client.get("/exports/volunteers.csv").status_code == 302


def test_export_is_masked(client, organisation, org_admin, staff, places):
    volunteer = make_volunteer(organisation=organisation, user=org_admin, n=4, name="丁志愿")
    for user in (org_admin, staff):  # even the registering organisation's admin
        client.force_login(user)
        rows = csv_rows(client.get("/exports/volunteers.csv"))
        assert rows[0][:5] == ["姓名", "志愿者编号", "状态", "手机号", "居民身份证号码"]
        assert rows[1][0] == "丁志愿" and rows[1][3:5] == [
            volunteer.masked_phone,
            volunteer.masked_id_number,
        ]
        body = "".join(",".join(r) for r in rows)
        assert volunteer.phone not in body and volunteer.id_number not in body
    response = client.get("/exports/volunteers.xlsx", {"community": places["community_b"].code})
    assert (
        xlsx_rows(b"".join(response.streaming_content) if response.streaming else response.content)[
            1:
        ]
        == []
    )


def test_list_constant_queries(
    client, delivery, organisation, org_admin, social_worker, staff, django_assert_max_num_queries
):
    log = record(delivery, social_worker)
    start = timezone.make_aware(datetime.combine(log.date, time(8)))
    n = 0
    for size in (3, 35):
        while n < size:
            n += 1
            volunteer = make_volunteer(
                organisation=organisation, user=org_admin, n=n, phone=f"135{n:08d}"
            )
            begins = start  # one hour each; volunteers' own times never overlap
            volunteer_service_record(
                log=log, user=social_worker, volunteer=volunteer, started_at=begins,
                ended_at=begins + timedelta(hours=1),
            )  # fmt: skip
        for user in (org_admin, staff):
            client.force_login(user)
            with django_assert_max_num_queries(12):
                assert client.get(URL).status_code == 200

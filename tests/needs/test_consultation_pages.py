"""The consultation record: a list of meetings per community and each meeting's decisions."""

from django.urls import reverse

from .factories import go_forward, published


def test_staff_see_their_consultations_and_decisions(client, staff):
    need = published(title="老年食堂")
    meeting = go_forward(need, staff)
    client.force_login(staff)
    body = client.get(reverse("needs:consultations")).content.decode()
    assert "议题 1 项，推进 1 项" in body
    detail = client.get(reverse("needs:consultation", args=[meeting.pk]))
    assert detail.status_code == 200
    assert "老年食堂" in detail.content.decode() and "推进" in detail.content.decode()


def test_other_communities_consultations_are_not_listed_nor_readable(client, staff, staff_b):
    meeting = go_forward(published(title="翠湖议题"), staff)
    client.force_login(staff_b)
    assert "翠湖" not in client.get(reverse("needs:consultations")).content.decode()
    assert client.get(reverse("needs:consultation", args=[meeting.pk])).status_code == 403


def test_residents_have_no_consultation_record(client, resident):
    client.force_login(resident)
    assert client.get(reverse("needs:consultations")).status_code == 403


def test_the_list_runs_constant_queries(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    for n in range(25):
        go_forward(published(title=f"议题{n}"), staff)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("needs:consultations")).status_code == 200


def test_staff_export_their_consultation_record(client, staff, staff_b, resident, places):
    from tests.imports.conftest import csv_rows

    go_forward(published(title="A议题"), staff)
    go_forward(published(title="B议题", community=places["community_b"]), staff_b)
    client.force_login(staff)
    assert (
        "/exports/consultations.xlsx" in client.get(reverse("needs:consultations")).content.decode()
    )
    rows = csv_rows(client.get("/exports/consultations.csv"))
    assert rows[0][:3] == ["日期", "社区/村", "地点"]
    assert [r[1] for r in rows[1:]] == [places["community_a"].path_name]
    assert rows[1][4:6] == ["1", "1"]  # one agenda item, taken forward
    client.force_login(resident)
    assert client.get("/exports/consultations.csv").status_code == 403

"""Consultation participants by kind: recorded over HTTP, refused without residents or staff,
grouped on the (staff-only) meeting page, counted in the export, migrated from the old text."""

import importlib
from datetime import date

import pytest
from django.urls import reverse

from marketplace.workflow import WorkflowError
from needs.models import Consultation, ConsultationDecision, ConsultationParticipant
from needs.services.consultations import Participant, consultation_record
from tests.marketplace.factories import OrganisationFactory, place_tree

from .factories import go_forward, participant_rows, published

URL = reverse("needs:consultation_create")


def meeting(need, **people):
    return {
        "date": "2026-11-20",
        "place": "议事厅",
        "minutes": "讨论老年食堂",
        f"decision_{need.pk}": "go_forward",
        f"reason_{need.pk}": "",
        **people,
    }


def test_staff_record_participants_of_every_kind(client, staff, organisation):
    need = published(title="老年食堂")
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert organisation.name in page and "再加几行参加人员" in page
    rows = participant_rows(
        ("resident", "王秀英", "", "楼栋长"),
        ("resident", "赵大成"),
        ("staff", "陈静", "", "社区书记"),
        ("organisation", "", organisation.pk, "驻点社工"),
        ("organisation", "翠湖志愿者协会"),
        ("other", "物业公司", "", "辖区单位代表"),
        ("resident", ""),  # an empty row is left out
    )
    assert client.post(URL, meeting(need, **rows)).status_code == 302
    consultation = Consultation.objects.get()
    saved = list(consultation.participants.values_list("kind", "name", "organisation", "role"))
    assert saved == [
        ("resident", "王秀英", None, "楼栋长"),
        ("resident", "赵大成", None, ""),
        ("staff", "陈静", None, "社区书记"),
        ("organisation", "", organisation.pk, "驻点社工"),
        ("organisation", "翠湖志愿者协会", None, ""),
        ("other", "物业公司", None, "辖区单位代表"),
    ]
    detail = client.get(reverse("needs:consultation", args=[consultation.pk])).content.decode()
    for text in (
        "居民（2）",
        "社区工作者（1）",
        "社会组织（2）",
        "其他（1）",
        "王秀英",
        organisation.name,
    ):
        assert text in detail
    # The public need page tells of the meeting, never who was there.
    client.logout()
    public = client.get(reverse("needs:detail", args=[need.pk])).content.decode()
    assert "议事厅" in public and "王秀英" not in public and "赵大成" not in public


@pytest.mark.parametrize(
    "rows, message",
    [
        ((("staff", "陈静"), ("other", "物业公司")), "请至少填写一位居民"),
        ((("resident", "王秀英"),), "请至少填写一位社区工作者"),
        (
            (("resident", "王秀英"), ("staff", "陈静"), ("organisation", "", "", "社工")),
            "或填写其名称",
        ),
        ((("resident", "", "", "居民代表"), ("staff", "陈静")), "请填写参加者姓名"),
    ],
)
def test_refused_participants_save_nothing(client, staff, rows, message):
    need = published()
    client.force_login(staff)
    response = client.post(URL, meeting(need, **participant_rows(*rows)))
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert "王秀英" in body or "陈静" in body  # what was typed stays
    assert not Consultation.objects.exists() and not ConsultationParticipant.objects.exists()
    assert not ConsultationDecision.objects.exists()


def test_an_organisation_outside_the_county_cannot_be_chosen(client, staff):
    need = published()
    far = OrganisationFactory(place=place_tree()["shilin"])
    client.force_login(staff)
    rows = participant_rows(("resident", "王秀英"), ("staff", "陈静"), ("organisation", "", far.pk))
    assert client.post(URL, meeting(need, **rows)).status_code == 400
    assert not Consultation.objects.exists()


def test_more_rows_keep_what_was_typed_and_save_nothing(client, staff):
    need = published()
    client.force_login(staff)
    data = meeting(need, **participant_rows(("resident", "王秀英"), ("staff", ""))) | {"more": "1"}
    response = client.post(URL, data)
    body = response.content.decode()
    assert response.status_code == 200 and "王秀英" in body and "讨论老年食堂" in body
    assert 'name="p-TOTAL_FORMS" value="5"' in body  # the typed row and four empty ones
    assert not Consultation.objects.exists()


def test_the_service_refuses_a_meeting_without_staff(staff, places):
    need = published()
    with pytest.raises(WorkflowError, match="社区工作者") as refused:
        consultation_record(
            user=staff,
            community=places["community_a"],
            date=date(2026, 11, 20),
            place="议事厅",
            participants=[Participant("resident", "王秀英")],
            minutes="x",
            decisions=[(need, "go_forward", "")],
        )
    assert refused.value.status == 400
    assert not Consultation.objects.exists()


def test_the_export_counts_people_per_kind_and_names_organisations(client, staff, organisation):
    from tests.imports.conftest import csv_rows

    consultation = go_forward(published(), staff)  # 张三 (resident), 李四 (staff)
    ConsultationParticipant.objects.bulk_create(
        [
            ConsultationParticipant(consultation=consultation, kind="resident", name="王秀英"),
            ConsultationParticipant(
                consultation=consultation, kind="organisation", organisation=organisation
            ),
            ConsultationParticipant(consultation=consultation, kind="other", name="物业公司"),
        ]
    )
    client.force_login(staff)
    rows = csv_rows(client.get("/exports/consultations.csv"))
    assert rows[0][3] == "参加人员"
    assert rows[1][3] == f"居民 2 人；社区工作者 1 人；社会组织：{organisation.name}；其他 1 人"
    assert not any("王秀英" in cell or "张三" in cell for row in rows for cell in row)


@pytest.mark.parametrize("people", [2, 40])
def test_the_meeting_page_runs_constant_queries(
    client, staff, organisation, people, django_assert_max_num_queries
):
    consultation = go_forward(published(), staff)
    ConsultationParticipant.objects.bulk_create(
        ConsultationParticipant(
            consultation=consultation,
            kind=["resident", "staff", "organisation", "other"][i % 4],
            name=f"参加者{i}",
            organisation=organisation if i % 4 == 2 else None,
        )
        for i in range(people)
    )
    client.force_login(staff)
    with django_assert_max_num_queries(9):
        body = client.get(reverse("needs:consultation", args=[consultation.pk])).content.decode()
    assert f"参加者{people - 1}" in body


def test_residents_cannot_open_a_meeting_page(client, staff, resident):
    consultation = go_forward(published(), staff)
    client.force_login(resident)
    assert client.get(reverse("needs:consultation", args=[consultation.pk])).status_code == 403


@pytest.mark.parametrize(
    "text, names",
    [
        ("", []),
        (
            "居民代表8人、社区两委成员3人、驻区社会组织1家",
            ["居民代表8人", "社区两委成员3人", "驻区社会组织1家"],
        ),
        ("张三，李四, 王五；赵六\n钱七", ["张三", "李四", "王五", "赵六", "钱七"]),
        ("居民代表", ["居民代表"]),
        ("会议由书记主持，物业公司和社工机构代表以及辖区单位负责人共二十余人参加了本次讨论", None),
        ("很" * 300, ["很" * 99 + "…"]),
    ],
)
def test_old_participant_text_splits_into_names(text, names):
    migration = importlib.import_module("needs.migrations.0003_consultation_participants")
    result = migration.split_participants(text)
    if names is None:  # a sentence, not a list: kept whole as one row
        assert result == [text]
    else:
        assert result == names

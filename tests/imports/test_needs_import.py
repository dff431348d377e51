"""Needs: community staff import only into communities they serve; imported needs await review."""

from marketplace.models import ImportStatus
from needs.models import Need, NeedState

from .conftest import csv_file, xlsx_file

HEADER = ["社区代码", "类别", "标题", "具体描述", "涉及人数", "联系电话"]


def row(code="530102001001", **kw):
    values = {"category": "养老服务", "title": "希望开设老年助餐点", "people": "30",
              "description": "独居老人做饭不便。", "phone": "13800001234"} | kw  # fmt: skip
    return [code, values["category"], values["title"], values["description"], values["people"],
            values["phone"]]  # fmt: skip


def test_staff_imports_needs_into_review_queue(staff, upload, client):
    job = upload(
        staff, "needs", xlsx_file([HEADER, row(), row(title="路灯维修", phone="")]), confirm=True
    )
    assert job.status == ImportStatus.DONE and job.created_count == 2
    needs = Need.objects.filter(community__code="530102001001")
    assert {n.state for n in needs} == {NeedState.SUBMITTED}
    assert {n.author_id for n in needs} == {staff.pk}
    assert client.get("/needs/review/").content.decode().count("希望开设老年助餐点") == 1


def test_staff_of_a_cannot_import_into_b(staff, upload):
    job = upload(staff, "needs", csv_file([HEADER, row(), row("530102001002")]), confirm=False)
    assert job.status == ImportStatus.INVALID
    assert job.errors == [
        {"row": 3, "column": "社区代码", "message": "该社区不在您负责的范围内，不能导入。"}
    ]
    assert not Need.objects.exists()


def test_one_bad_row_imports_nothing(staff, upload):
    rows = [row(), row(phone="12345"), row(category="其它类"), row("530102001000"), row(title="")]
    job = upload(staff, "needs", csv_file([HEADER, *rows], "gb18030"))
    assert job.status == ImportStatus.INVALID
    report = {(e["row"], e["column"]) for e in job.errors}
    assert report == {(3, "联系电话"), (4, "类别"), (5, "社区代码"), (6, "标题")}
    assert not Need.objects.exists()


def test_confirm_rechecks_and_rolls_back(staff, upload, client, django_capture_on_commit_callbacks):
    """A row that became invalid between check and confirm rolls the whole file back."""
    from marketplace.models import RoleAssignment

    job = upload(staff, "needs", csv_file([HEADER, row(), row()]))
    assert job.status == ImportStatus.VALID
    RoleAssignment.objects.filter(user=staff).delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/imports/jobs/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and not Need.objects.exists()


def test_outsiders_and_residents_are_refused(client, outsider, resident, staff):
    for user in (outsider, resident):
        client.force_login(user)
        assert client.get("/imports/").status_code == 403
        assert client.get("/imports/needs/").status_code == 403
    client.force_login(staff)
    page = client.get("/imports/").content.decode()
    assert "居民需求" in page and "/imports/places/" not in page

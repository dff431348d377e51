"""Volunteers: organisation members import only into communities in their area; all or nothing."""

from evaluations.models import Volunteer
from marketplace.models import ImportStatus, Role
from tests.evaluations.factories import id_number, make_volunteer
from tests.marketplace.factories import OrganisationFactory, UserFactory, grant

from .conftest import csv_file, xlsx_file

HEADER = ["姓名", "手机号", "居民身份证号码", "服务社区代码", "技能特长"]


def row(n=1, code="530102001001", **kw):
    values = {"name": f"志愿者{n}", "phone": f"136{n:08d}", "id": id_number(n),
              "skills": "急救"} | kw  # fmt: skip
    return [values["name"], values["phone"], values["id"], code, values["skills"]]


def test_a_good_file_imports(org_admin, organisation, upload):
    rows = [row(1), row(2, "530102001001、530102001002")]
    job = upload(org_admin, "volunteers", xlsx_file([HEADER, *rows]), confirm=True)
    assert job.status == ImportStatus.DONE and job.created_count == 2
    volunteers = Volunteer.objects.order_by("pk")
    assert [v.name for v in volunteers] == ["志愿者1", "志愿者2"]
    assert {v.organisation_id for v in volunteers} == {organisation.pk}
    assert all(v.number and v.number.startswith("ZY") for v in volunteers)
    assert volunteers[1].communities.count() == 2


def test_one_bad_row_imports_nothing_and_is_reported(org_admin, organisation, upload):
    make_volunteer(organisation=organisation, user=org_admin, n=9)
    rows = [
        row(1),
        row(2, phone="12345"),
        row(3, id="110105194912310021"),
        row(4, id=id_number(9)),  # registered before
        row(5, id=id_number(1)),  # same as row 2
        row(6, "530102001000"),  # a street, not a community
    ]
    job = upload(org_admin, "volunteers", csv_file([HEADER, *rows], "gb18030"), confirm=False)
    assert job.status == ImportStatus.INVALID
    report = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert set(report) == {
        (3, "手机号"),
        (4, "居民身份证号码"),
        (5, "居民身份证号码"),
        (6, "居民身份证号码"),
        (7, "服务社区代码"),
    }
    assert "校验位" in report[(4, "居民身份证号码")]
    assert "不能重复登记" in report[(5, "居民身份证号码")]
    assert "第 2 行" in report[(6, "居民身份证号码")]
    assert Volunteer.objects.count() == 1


def test_a_community_outside_the_area_is_refused(org_admin, upload):
    """The organisation is in 五华区; 西街口村 is in 石林县."""
    job = upload(org_admin, "volunteers", csv_file([HEADER, row(1), row(2, "530126105201")]))
    assert job.status == ImportStatus.INVALID
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "服务社区代码")]
    assert "西街口村委会" in job.errors[0]["message"]
    assert not Volunteer.objects.exists()


def test_a_member_of_two_organisations_names_one(org_admin, organisation, upload):
    other = OrganisationFactory()
    grant(org_admin, Role.ORG_ADMIN, organisation=other)
    header = [*HEADER, "组织统一社会信用代码"]
    job = upload(org_admin, "volunteers", csv_file([header, [*row(1), ""]]))
    assert job.status == ImportStatus.INVALID and "多个社会组织" in job.errors[0]["message"]
    good = [header, [*row(1), other.credit_code]]
    job = upload(org_admin, "volunteers", csv_file(good), confirm=True)
    assert job.status == ImportStatus.DONE
    assert Volunteer.objects.get().organisation == other


def test_the_import_page_is_reachable_only_for_organisations(client, org_admin, staff, resident):
    client.force_login(org_admin)
    index = client.get("/imports/").content.decode()
    assert "/imports/volunteers/" in index
    page = client.get("/imports/volunteers/")
    assert page.status_code == 200 and "服务社区代码" in page.content.decode()
    assert client.get("/imports/volunteers/template.xlsx").status_code == 200
    for user in (staff, resident, UserFactory()):
        client.force_login(user)
        assert client.get("/imports/volunteers/").status_code == 403

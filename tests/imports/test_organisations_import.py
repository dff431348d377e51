"""Organisations: GB 32100 credit codes, choices by their Chinese names, existing places."""

from datetime import date

from marketplace.demo import demo_credit_code
from marketplace.models import ImportStatus, Organisation

from .conftest import csv_file, xlsx_file

HEADER = ["名称", "统一社会信用代码", "类型", "登记管理机关", "成立登记日期", "所在地代码",
          "等级评估", "第三方评估机构"]  # fmt: skip
CODE_1 = demo_credit_code(901, "social_service", "530102")
CODE_2 = demo_credit_code(902, "social_group", "530102")


def good_rows():
    return [
        ["五华区春晖社会工作服务中心", CODE_1, "社会服务机构", "昆明市五华区民政局",
         "2019-03-15", "530102000000", "AAA", "否"],
        ["五华区志愿者协会", CODE_2.lower(), "社会团体", "昆明市五华区民政局",
         "2020/6/1", "530102001000", "", "是"],
    ]  # fmt: skip


def test_xlsx_import_with_dates_as_cells(registrar, upload):
    rows = good_rows()
    rows[0][4] = date(2019, 3, 15)
    job = upload(registrar, "organisations", xlsx_file([HEADER, *rows]), confirm=True)
    assert job.status == ImportStatus.DONE, job.errors
    org = Organisation.objects.get(credit_code=CODE_1)
    assert (org.type, org.rating, org.registered_on) == ("social_service", "3A", date(2019, 3, 15))
    second = Organisation.objects.get(credit_code=CODE_2)  # lower case accepted, stored upper
    assert second.is_evaluation_agency and second.place.code == "530102001000"


def test_gb18030_csv_import(registrar, upload):
    job = upload(
        registrar, "organisations", csv_file([HEADER, *good_rows()], "gb18030"), confirm=True
    )
    assert job.status == ImportStatus.DONE, job.errors
    assert Organisation.objects.filter(name="五华区春晖社会工作服务中心").exists()


def test_one_bad_row_imports_nothing(registrar, upload, organisation):
    rows = good_rows()
    bad_check = CODE_1[:17] + ("0" if CODE_1[17] != "0" else "1")
    rows.append(
        ["错误校验位", bad_check, "社会服务机构", "民政局", "2019-01-01", "530102000000", "", ""]
    )
    rows.append(
        [
            "已登记",
            organisation.credit_code,
            "基金会",
            "民政局",
            "2019-01-01",
            "530102000000",
            "",
            "",
        ]
    )
    rows.append(["类型和地点错", demo_credit_code(903, "foundation", "530102"), "公司", "民政局",
                 "2019-13-01", "999999999999", "", ""])  # fmt: skip
    job = upload(registrar, "organisations", csv_file([HEADER, *rows]))
    assert job.status == ImportStatus.INVALID
    report = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert report[(4, "统一社会信用代码")] == "统一社会信用代码校验位不正确，请核对。"
    assert report[(5, "统一社会信用代码")] == "该统一社会信用代码已在平台中登记。"
    assert (6, "类型") in report and (6, "成立登记日期") in report
    assert "不在平台的行政区划中" in report[(6, "所在地代码")]
    assert not any(row in (2, 3) for row, _col in report)
    assert not Organisation.objects.filter(credit_code__in=[CODE_1, CODE_2]).exists()


def test_web_refuses_community_staff_and_county_purchasers(client, staff, purchaser, registrar):
    for user in (staff, purchaser):
        client.force_login(user)
        assert client.get("/imports/organisations/").status_code == 403
        assert client.get("/imports/places/template.csv").status_code == 403
        assert (
            client.post("/imports/organisations/", {"file": csv_file([HEADER])}).status_code == 403
        )
    client.force_login(registrar)
    assert client.get("/imports/organisations/").status_code == 200

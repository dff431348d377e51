"""Places: 12-digit codes under an existing parent (or one higher in the same file)."""

from marketplace.models import ImportStatus, Place

from .conftest import csv_file

HEADER = ["统计用区划代码", "名称", "层级", "城乡", "户数"]
GOOD = [
    ["530102002000", "护国街道", "街道/乡镇", "", ""],  # its parent 五华区 exists
    ["530102002001", "文庙社区居民委员会", "", "城镇", "1800"],  # its parent is the row above
]


def test_dry_run_reports_valid_and_writes_nothing(registrar, upload):
    job = upload(registrar, "places", csv_file([HEADER, *GOOD]))
    assert job.status == ImportStatus.VALID
    assert (job.total_rows, job.processed_rows, job.error_count) == (2, 2, 0)
    assert not Place.objects.filter(code__in=["530102002000", "530102002001"]).exists()


def test_confirmed_import_creates_the_tree(registrar, upload):
    job = upload(registrar, "places", csv_file([HEADER, *GOOD]), confirm=True)
    assert job.status == ImportStatus.DONE and job.created_count == 2
    community = Place.objects.get(code="530102002001")
    assert community.parent.code == "530102002000"
    assert community.level == 5 and community.households == 1800
    assert community.urban_rural == "urban"
    assert community.path_name.endswith("五华区 护国街道 文庙社区居民委员会")


def test_one_bad_row_imports_nothing_and_is_reported(registrar, upload, client):
    bad = [
        [HEADER[0], HEADER[1], HEADER[2]],
        GOOD[0][:3],
        ["53010200300", "代码少一位", ""],
        ["530199001001", "上级不存在的社区", "社区/村"],
        ["530102002002", "层级写错", "县/区"],
        ["530102001001", "已存在的社区", ""],
    ]
    job = upload(registrar, "places", csv_file(bad))
    assert job.status == ImportStatus.INVALID
    report = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert report[(3, "统计用区划代码")] == "统计用区划代码应为12位数字。"
    assert "上级区划 530199001000 不存在" in report[(4, "上级代码")]
    assert "层级与代码不符" in report[(5, "层级")]
    assert report[(6, "统计用区划代码")] == "该区划代码已在平台中。"
    assert (2, "统计用区划代码") not in report
    page = client.get(f"/imports/jobs/{job.pk}/")
    assert "未导入任何数据" in page.content.decode()
    assert "统计用区划代码应为12位数字。" in page.content.decode()
    # confirming an invalid file is refused; nothing was written
    assert client.post(f"/imports/jobs/{job.pk}/commit/").status_code == 409
    assert not Place.objects.filter(code="530102002000").exists()


def test_duplicate_rows_in_one_file(registrar, upload):
    job = upload(registrar, "places", csv_file([HEADER, GOOD[0], GOOD[0]]))
    assert job.errors == [
        {"row": 3, "column": "统计用区划代码", "message": "与第 2 行的区划代码重复。"}
    ]


def test_province_registrar_only_within_the_province(places, upload):
    from marketplace.models import PlaceLevel, Role
    from tests.marketplace.factories import UserFactory, grant, place

    guizhou = place("520000000000", "贵州省", PlaceLevel.PROVINCE)
    other = grant(UserFactory(), Role.PURCHASER, place=guizhou)
    job = upload(other, "places", csv_file([HEADER, GOOD[0]]))
    assert job.errors[0]["message"] == "该区划不在您负责的范围内。"

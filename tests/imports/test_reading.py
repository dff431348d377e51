"""Reading CSV (UTF-8 with/without BOM, GB18030) and xlsx into rows keyed by column."""

import pytest

from marketplace.imports.organisations import OrganisationImporter
from marketplace.imports.places import PlaceImporter
from marketplace.imports.reading import FileInvalid, read_table

from .conftest import csv_file, xlsx_file

COLUMNS = PlaceImporter.columns
ROWS = [["统计用区划代码", "名称", "城乡"], ["530102001003", "新建社区居民委员会", "城镇"]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_each_encoding_reads_the_chinese(encoding):
    upload = csv_file(ROWS, encoding=encoding)
    table = read_table(upload.read(), "地名.csv", COLUMNS)
    assert table.rows == [
        (2, {"code": "530102001003", "name": "新建社区居民委员会", "urban_rural": "城镇"})
    ]


def test_xlsx_reads_text_numbers_and_dates():
    from datetime import date

    rows = [
        ["名称", "统一社会信用代码", "类型", "登记管理机关", "成立登记日期", "所在地代码"],
        [
            "阳光中心",
            "52530102MJ0000001X",
            "社会服务机构",
            "民政局",
            date(2019, 3, 15),
            530102000000,
        ],
    ]
    table = read_table(xlsx_file(rows).read(), "orgs.xlsx", OrganisationImporter.columns)
    values = table.rows[0][1]
    assert values["registered_on"] == "2019-03-15"
    assert values["place_code"] == "530102000000"


def test_english_headers_blank_rows_and_unknown_columns():
    rows = [["", ""], ["code", "NAME", "remark"], ["530102001003", "新社区", "x"], ["", "", ""]]
    table = read_table(csv_file(rows).read(), "p.csv", COLUMNS)
    assert table.rows == [(3, {"code": "530102001003", "name": "新社区"})]
    assert table.ignored == ["remark"]


def test_missing_required_column_names_it():
    with pytest.raises(FileInvalid, match="缺少必填列：名称"):
        read_table(csv_file([["统计用区划代码"], ["530102001003"]]).read(), "p.csv", COLUMNS)


def test_limits_and_formats_have_clear_messages(settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [ROWS[0]] + [[f"53010200100{i}", "社区", ""] for i in range(3)]
    with pytest.raises(FileInvalid, match="数据超过 2 行"):
        read_table(csv_file(rows).read(), "p.csv", COLUMNS)
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(FileInvalid, match="文件过大"):
        read_table(csv_file(ROWS).read(), "p.csv", COLUMNS)
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(FileInvalid, match="只支持"):
        read_table(b"x", "p.xls", COLUMNS)
    with pytest.raises(FileInvalid, match="Excel"):
        read_table(b"not a zip", "p.xlsx", COLUMNS)
    with pytest.raises(FileInvalid, match="没有数据行"):
        read_table(csv_file([ROWS[0]]).read(), "p.csv", COLUMNS)

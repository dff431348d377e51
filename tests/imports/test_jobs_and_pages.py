"""The job page (progress, report, htmx partial), templates, the command, and rollback."""

import io

import pytest
from django.core.management import CommandError, call_command

from marketplace.imports import registry, running
from marketplace.imports.base import RowInvalid
from marketplace.imports.reading import read_table
from marketplace.models import ImportStatus, Place
from tests.marketplace.factories import UserFactory

from .conftest import csv_file, xlsx_rows

HEADER = ["统计用区划代码", "名称"]
ROWS = [HEADER, ["530102002000", "护国街道"], ["530102002001", "文庙社区居民委员会"]]


def test_job_page_shows_progress_and_polls_until_finished(registrar, client, places):
    from marketplace.models import ImportJob

    job = ImportJob.objects.create(kind="places", user=registrar, filename="a.csv", total_rows=200,
                                   processed_rows=50, status=ImportStatus.RUNNING)  # fmt: skip
    client.force_login(registrar)
    page = client.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert 'aria-valuenow="25"' in page and "已检查 50 / 200 行" in page
    assert 'hx-trigger="every 2s"' in page and 'http-equiv="refresh"' in page
    partial = client.get(f"/imports/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="job-status"') and "<html" not in partial


def test_valid_job_offers_confirmation_and_only_to_its_owner(registrar, upload, client, superuser):
    job = upload(registrar, "places", csv_file(ROWS))
    client.force_login(registrar)
    page = client.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert "全部检查通过，尚未写入任何数据" in page and "确认导入" in page
    assert "hx-trigger" not in page
    client.force_login(superuser)
    assert client.get(f"/imports/jobs/{job.pk}/").status_code == 403
    assert client.post(f"/imports/jobs/{job.pk}/commit/").status_code == 403
    assert not Place.objects.filter(code="530102002000").exists()


def test_upload_errors_are_shown_on_the_form(registrar, client, settings):
    client.force_login(registrar)
    response = client.post("/imports/places/", {"file": csv_file(ROWS, name="a.xls")})
    assert response.status_code == 400 and "只支持 .csv 和 .xlsx 文件" in response.content.decode()
    settings.IMPORT_MAX_BYTES = 10
    response = client.post("/imports/places/", {"file": csv_file(ROWS)})
    assert response.status_code == 400 and "文件过大" in response.content.decode()


def test_whole_file_problems_are_reported(registrar, upload):
    job = upload(registrar, "places", csv_file([["名称"], ["x"]]))
    assert job.status == ImportStatus.INVALID
    assert job.errors[0]["row"] == 0 and "缺少必填列" in job.errors[0]["message"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_templates_carry_the_chinese_headers(registrar, client, fmt):
    client.force_login(registrar)
    response = client.get(f"/imports/organisations/template.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if fmt == "csv":
        header = response.content.decode("utf-8-sig").splitlines()[0]
    else:
        header = ",".join(str(v) for v in xlsx_rows(response.content)[0])
    assert header.startswith("名称,统一社会信用代码,类型,登记管理机关,成立登记日期,所在地代码")


def test_a_failing_save_rolls_back_every_row(registrar, monkeypatch):
    importer = registry.get("places")
    table = read_table(csv_file(ROWS).read(), "p.csv", importer.columns)
    original = importer.save
    calls = []

    def save(row, ctx):
        calls.append(row)
        if len(calls) == 2:
            raise RowInvalid({"name": ["写入时发现冲突。"]})
        return original(row, ctx)

    monkeypatch.setattr(importer, "save", save)
    report = running.commit(importer, table, registrar)
    assert report.created == 0 and report.errors[0]["row"] == 3
    assert not Place.objects.filter(code="530102002000").exists()


def test_command_dry_run_and_commit(places, tmp_path, staff):
    path = tmp_path / "places.csv"
    path.write_bytes(csv_file(ROWS).read())
    out = io.StringIO()
    call_command("import_data", "places", str(path), stdout=out)
    assert "2 行全部检查通过" in out.getvalue()
    assert not Place.objects.filter(code="530102002000").exists()
    call_command("import_data", "places", str(path), "--commit", stdout=out)
    assert Place.objects.filter(code__in=["530102002000", "530102002001"]).count() == 2
    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command("import_data", "places", str(path), "--commit", stdout=out)
    with pytest.raises(CommandError, match="没有导入居民需求的权限"):
        call_command("import_data", "needs", str(path), "--user", UserFactory().username)
    with pytest.raises(CommandError, match="未知的导入类型"):
        call_command("import_data", "tenders", str(path))


def test_my_work_links_to_imports_for_importers_only(client, staff, resident, registrar, upload):
    upload(registrar, "places", csv_file(ROWS))
    client.force_login(registrar)
    page = client.get("/my/").content.decode()
    assert "/imports/places/" in page and "/imports/organisations/" in page
    assert "data.csv" in page
    client.force_login(staff)
    page = client.get("/my/").content.decode()
    assert "/imports/needs/" in page and "/imports/places/" not in page
    client.force_login(resident)
    assert "/imports/" not in client.get("/my/").content.decode()

"""Helpers for import/export tests: files in every format, the province-level registrar."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from marketplace.models import Role
from tests.marketplace.factories import UserFactory, grant


def csv_file(rows, encoding="utf-8-sig", name="data.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="data.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def xlsx_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.fixture
def registrar(places):
    """A purchaser at province level (云南省): may import places and organisations."""
    return grant(UserFactory(name="省民政厅"), Role.PURCHASER, place=places["province"])


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the eager Celery task) as a real request would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Upload a file as `user` through the web page; returns the checked ImportJob."""
    from marketplace.models import ImportJob

    def do(user, kind, file, *, confirm=False):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/imports/{kind}/", {"file": file})
        assert response.status_code == 302, response.content.decode()[:2000]
        job = ImportJob.objects.latest("pk")
        if confirm:
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(f"/imports/jobs/{job.pk}/commit/")
            assert response.status_code == 302
            job.refresh_from_db()
        return job

    return do
